// Package cmd holds secretsweep's cobra commands. Each command lives in its
// own file, is built by NewCmdX(f *Factory) and keeps its flags in an options
// struct; the Factory is the only place that builds real clients.
package cmd

import (
	"context"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/google/go-github/v60/github"
	"github.com/mattn/go-isatty"

	"github.com/secretsweep/secretsweep/internal/awsclient"
	"github.com/secretsweep/secretsweep/internal/ghclient"
)

// IOStreams are the standard streams a command reads and writes.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// OutIsTerminal reports whether Out is an interactive terminal
	// (colours and progress are only used then).
	OutIsTerminal bool
}

// Factory builds the dependencies that commands use. Tests replace its
// fields with fakes or with clients aimed at loopback servers.
type Factory struct {
	IO *IOStreams
	// Now is the clock.
	Now func() time.Time
	// Getenv reads the environment (GITHUB_TOKEN, AWS_ENDPOINT_URL ...).
	Getenv func(string) string
	// Environ is the environment of child processes (git, asked where
	// hooks live); nil means this process's.
	Environ func() []string
	// HTTPClient returns the client used for provider and GitHub APIs.
	HTTPClient func() *http.Client
	// GitHubClient returns a go-github client (token and base URL from the
	// environment, as gh and Actions use them).
	GitHubClient func() (*github.Client, error)
	// AWSConfig loads AWS configuration (default chain; region overrides).
	AWSConfig func(ctx context.Context, region string) (aws.Config, error)
	// Version is the secretsweep version string.
	Version string
}

// NewDefaultFactory returns a Factory wired to the real process environment.
func NewDefaultFactory(version string) *Factory {
	f := &Factory{
		IO: &IOStreams{
			In:            os.Stdin,
			Out:           os.Stdout,
			ErrOut:        os.Stderr,
			OutIsTerminal: isatty.IsTerminal(os.Stdout.Fd()),
		},
		Now:        time.Now,
		Getenv:     os.Getenv,
		Environ:    os.Environ,
		HTTPClient: func() *http.Client { return &http.Client{Timeout: 60 * time.Second} },
		AWSConfig:  awsclient.Load,
		Version:    version,
	}
	f.GitHubClient = func() (*github.Client, error) { return ghclient.New(f.HTTPClient(), f.Getenv) }
	return f
}
