// Package cmd holds secretsweep's cobra commands. Each command lives in its
// own file, is built by NewCmdX(f *Factory, runF func(*xOptions) error) and
// keeps its flags in an options struct; runF is nil except in tests, which
// capture the parsed options instead of running the command (as cli/cli
// does). The Factory is the only place that builds real clients.
package cmd

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/google/go-github/v60/github"
	"github.com/mattn/go-isatty"

	"github.com/secretsweep/secretsweep/internal/awsclient"
	"github.com/secretsweep/secretsweep/internal/buildinfo"
	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/secretsweep/secretsweep/internal/ghclient"
	"github.com/secretsweep/secretsweep/internal/hashkey"
)

// IOStreams are the standard streams a command reads and writes.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// OutIsTerminal reports whether Out is an interactive terminal
	// (colours and progress are only used then).
	OutIsTerminal bool
	// ErrIsTerminal reports whether ErrOut is one (progress bars).
	ErrIsTerminal bool
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
	// Build is the version, commit and date of this build ("secretsweep
	// version"); a zero Build shows Version alone.
	Build buildinfo.Info
	// Hasher returns the keyed hasher that names secrets in reports,
	// baselines, Secrets Manager tags, journals and logs (see
	// internal/hashkey for where its key comes from). It is called once a
	// command's flags are parsed.
	Hasher func() (finding.Hasher, error)
	// HashKeyFile is the root's --hash-key-file flag.
	HashKeyFile string
}

// hasher returns f.Hasher's result, or an error when the Factory has none.
func (f *Factory) hasher() (finding.Hasher, error) {
	if f.Hasher == nil {
		return finding.Hasher{}, errors.New("no hash key source configured")
	}
	return f.Hasher()
}

// newHasherFunc returns a Factory.Hasher that loads the key once (from
// --hash-key-file, SECRETSWEEP_HASH_KEY, SECRETSWEEP_HASH_KEY_FILE, or the
// default key file under configDir, created when missing) and says on
// stderr when it created one.
func newHasherFunc(f *Factory, configDir func() (string, error), rnd io.Reader) func() (finding.Hasher, error) {
	var (
		once sync.Once
		h    finding.Hasher
		err  error
	)
	return func() (finding.Hasher, error) {
		once.Do(func() {
			var k *hashkey.Key
			k, err = hashkey.Load(hashkey.Options{File: f.HashKeyFile, Getenv: f.Getenv, UserConfigDir: configDir, Rand: rnd})
			if err != nil {
				return
			}
			h = k.Hasher
			if k.Created {
				fmt.Fprintf(f.IO.ErrOut, "secretsweep: created hash key %s (key id %s); reports, baselines and tags made with it match "+
					"only under the same key: keep it, and in CI set %s to its content\n", k.Source, h.KeyID(), hashkey.EnvKey)
			}
		})
		return h, err
	}
}

// NewDefaultFactory returns a Factory wired to the real process environment.
func NewDefaultFactory(version string) *Factory {
	f := &Factory{
		IO: &IOStreams{
			In:            os.Stdin,
			Out:           os.Stdout,
			ErrOut:        os.Stderr,
			OutIsTerminal: isatty.IsTerminal(os.Stdout.Fd()),
			ErrIsTerminal: isatty.IsTerminal(os.Stderr.Fd()),
		},
		Now:        time.Now,
		Getenv:     os.Getenv,
		Environ:    os.Environ,
		HTTPClient: func() *http.Client { return &http.Client{Timeout: 60 * time.Second} },
		AWSConfig:  awsclient.Load,
		Version:    version,
	}
	f.GitHubClient = func() (*github.Client, error) { return ghclient.New(f.HTTPClient(), f.Getenv) }
	f.Hasher = newHasherFunc(f, os.UserConfigDir, rand.Reader)
	return f
}
