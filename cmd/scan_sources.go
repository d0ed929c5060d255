package cmd

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/secretsweep/secretsweep/internal/finding"

	"github.com/secretsweep/secretsweep/internal/credential/endpoint"
	"github.com/secretsweep/secretsweep/internal/ghclient"
	"github.com/secretsweep/secretsweep/scanner"
	"github.com/secretsweep/secretsweep/scanner/ghlogs"
	"github.com/secretsweep/secretsweep/scanner/verify"
)

// logDownloadTimeout bounds one log archive download (up to 512 MiB).
const logDownloadTimeout = 10 * time.Minute

// validateSources checks the --actions-logs and --verify flags.
func (o *scanOptions) validateSources() error {
	if o.ActionsLogs == "" {
		if o.Workflow != "" || o.Runs != ghlogs.DefaultRuns {
			return errors.New("--runs and --workflow need --actions-logs")
		}
		return nil
	}
	if o.Path != "" || o.History || o.Range != "" || o.Staged {
		return errors.New("--actions-logs cannot be combined with PATH, --history, --range or --staged")
	}
	if o.Baseline != "" || o.IgnoreFile != "" {
		return errors.New("--baseline and --ignore-file are not supported with --actions-logs")
	}
	if o.ConfigRev != "" {
		return errors.New("--config-rev is not supported with --actions-logs (it reads no repository)")
	}
	if o.Runs < 1 {
		return fmt.Errorf("--runs must be at least 1, got %d", o.Runs)
	}
	_, _, err := ghlogs.SplitRepo(o.ActionsLogs)
	return err
}

// scan runs the selected source: Actions logs or the scanner's modes.
func (o *scanOptions) scan(ctx context.Context) (*finding.Result, error) {
	h, err := o.f.hasher()
	if err != nil {
		return nil, err
	}
	if o.ActionsLogs == "" {
		so := o.scannerOptions(h)
		if o.progressBar(so.Mode) {
			so.Counters = &scanner.Counters{CountTotal: so.Mode == scanner.ModeHistory}
			stop := newScanProgress(o.f.IO.ErrOut, so.Counters, o.f.Now).run(progressInterval)
			defer stop()
		}
		return scanner.Scan(ctx, so)
	}
	if ghclient.Token(o.f.Getenv) == "" {
		return nil, fmt.Errorf("--actions-logs: %w", ghclient.ErrNoToken)
	}
	client, err := o.f.GitHubClient()
	if err != nil {
		return nil, err
	}
	// Archives can be large: the API client's overall timeout is too short.
	hc := *o.f.HTTPClient()
	hc.Timeout = logDownloadTimeout
	res, err := ghlogs.Scan(ctx, client, &hc, o.ghlogsOptions(h))
	if res != nil {
		scanner.ApplyConfidence(res, o.minConf)
	}
	return res, err
}

// progressBar reports whether a scan in mode draws a progress bar: git
// scans of history and ranges, on a terminal, unless --no-progress or
// --progress (plain lines, for logs) says otherwise. Without a terminal
// nothing is drawn, so CI logs stay readable.
func (o *scanOptions) progressBar(mode scanner.Mode) bool {
	return (mode == scanner.ModeHistory || mode == scanner.ModeRange) &&
		o.f.IO.ErrIsTerminal && !o.NoProgress && !o.Progress
}

// ghlogsOptions maps the flags to ghlogs options.
func (o *scanOptions) ghlogsOptions(h finding.Hasher) ghlogs.Options {
	return ghlogs.Options{
		Repo:           o.ActionsLogs,
		Runs:           o.Runs,
		Workflow:       o.Workflow,
		ConfigPath:     o.Config,
		MaxDecodeDepth: o.MaxDecodeDepth,
		Now:            o.f.Now,
		Hasher:         h,
	}
}

// verify checks the findings' credentials live (--verify) and, with
// --only-verified, keeps the verified ones. It runs before redaction.
func (o *scanOptions) verify(ctx context.Context, res *finding.Result) {
	e := endpoint.FromEnv(o.f.Getenv)
	s := verify.Run(ctx, res.Findings, verify.Options{Verifiers: verify.Registry(e, o.f.HTTPClient())})
	fmt.Fprintf(o.f.IO.ErrOut, "verification: %d verified, %d invalid, %d unknown\n", s.Verified, s.Invalid, s.Unknown)
	if o.OnlyVerified {
		res.Findings = verify.OnlyVerified(res.Findings)
	}
}
