package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/secretsweep/secretsweep/internal/finding"

	"github.com/spf13/cobra"

	"github.com/secretsweep/secretsweep/internal/report"
	"github.com/secretsweep/secretsweep/scanner"
	"github.com/secretsweep/secretsweep/scanner/ghlogs"
)

// scanOptions holds the scan command's flags.
type scanOptions struct {
	f *Factory

	Path           string
	History        bool
	Range          string
	Staged         bool
	Format         string
	Output         string
	Config         string
	Baseline       string
	IgnoreFile     string
	NoRedact       bool
	MaxFileSizeMB  int
	MaxFindings    int
	MaxDecodeDepth int
	Workers        int
	FollowSymlinks bool
	NoColor        bool
	Progress       bool
	ActionsLogs    string
	Runs           int
	Workflow       string
	Verify         bool
	OnlyVerified   bool
}

// NewCmdScan builds `secretsweep scan`.
func NewCmdScan(f *Factory) *cobra.Command {
	opts := &scanOptions{f: f}
	c := &cobra.Command{
		Use:   "scan [PATH]",
		Short: "Scan a working tree, git history, a commit range or staged changes for secrets",
		Long: `Scan for hardcoded credentials.

Without a mode flag the files of PATH (default ".") are scanned, skipping .git.
--history scans every commit reachable from any branch or tag; --range BASE..HEAD
scans the commits in a range (what a pull request or push adds); --staged scans
what is staged for the next commit.

Configuration is gitleaks' TOML format: --config, else .secretsweep.toml or
.gitleaks.toml at the repository root, else the default rules. Fingerprints in
.gitleaksignore and lines with a gitleaks:allow comment are not reported.

Exit codes: 0 no leaks, 1 leaks found, 2 usage or runtime error.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Path = args[0]
			}
			if err := opts.validate(); err != nil {
				return usageError{err}
			}
			return runScan(cmd.Context(), opts)
		},
	}
	fl := c.Flags()
	fl.BoolVar(&opts.History, "history", false, "scan every commit reachable from all branches and tags")
	fl.StringVar(&opts.Range, "range", "", "scan the commits in `BASE..HEAD`")
	fl.BoolVar(&opts.Staged, "staged", false, "scan changes staged for the next commit")
	fl.StringVarP(&opts.Format, "format", "f", "text", fmt.Sprintf("report format: %v", report.Formats()))
	fl.StringVarP(&opts.Output, "output", "o", "", "write the report to `FILE` (default stdout)")
	fl.StringVarP(&opts.Config, "config", "c", "", "gitleaks-format TOML config `FILE`")
	fl.StringVarP(&opts.Baseline, "baseline", "b", "", "previous JSON report `FILE`: its findings are not reported again")
	fl.StringVar(&opts.IgnoreFile, "ignore-file", "", "fingerprints to ignore (default <repo>/.gitleaksignore)")
	fl.BoolVar(&opts.NoRedact, "no-redact", false, "show secret values in the report (they are redacted by default)")
	fl.IntVar(&opts.MaxFileSizeMB, "max-file-size", scanner.DefaultMaxFileSize>>20, "skip files larger than this many `MB` (0: no limit)")
	fl.IntVar(&opts.MaxFindings, "max-findings-per-file", scanner.DefaultMaxFindingsPerFile, "report at most `N` findings per file and stop scanning it there, with a warning (0: no limit)")
	fl.IntVar(&opts.MaxDecodeDepth, "max-decode-depth", 5, "decode base64/hex/percent-encoded text up to this depth (0: off)")
	fl.IntVarP(&opts.Workers, "workers", "j", 0, "parallel workers (default: number of CPUs)")
	fl.BoolVar(&opts.FollowSymlinks, "follow-symlinks", false, "scan symlinked files that stay inside the tree")
	fl.BoolVar(&opts.NoColor, "no-color", false, "no colours in text output")
	fl.BoolVar(&opts.Progress, "progress", false, "print progress to stderr every two seconds (git modes)")
	fl.StringVar(&opts.ActionsLogs, "actions-logs", "", "scan the logs of recent GitHub Actions runs of `OWNER/REPO` (needs GITHUB_TOKEN or GH_TOKEN)")
	fl.IntVar(&opts.Runs, "runs", ghlogs.DefaultRuns, "with --actions-logs: how many recent completed runs to scan")
	fl.StringVar(&opts.Workflow, "workflow", "", "with --actions-logs: only runs of this workflow (`FILE`.yml, id or name)")
	fl.BoolVar(&opts.Verify, "verify", false, "check found credentials live with their providers (AWS STS, GitHub, Slack, Stripe, GitLab, npm, PostgreSQL)")
	fl.BoolVar(&opts.OnlyVerified, "only-verified", false, "report only credentials verified live (implies --verify)")
	return c
}

func (o *scanOptions) validate() error {
	modes := 0
	for _, on := range []bool{o.History, o.Range != "", o.Staged} {
		if on {
			modes++
		}
	}
	if modes > 1 {
		return errors.New("--history, --range and --staged are mutually exclusive")
	}
	if err := o.validateSources(); err != nil {
		return err
	}
	if _, err := report.Lookup(o.Format); err != nil {
		return err
	}
	if o.MaxFileSizeMB < 0 || o.MaxFindings < 0 || o.MaxDecodeDepth < 0 || o.Workers < 0 {
		return errors.New("--max-file-size, --max-findings-per-file, --max-decode-depth and --workers must not be negative")
	}
	return nil
}

func (o *scanOptions) scannerOptions() scanner.Options {
	so := scanner.Options{
		Path:           o.Path,
		Mode:           scanner.ModeDir,
		ConfigPath:     o.Config,
		BaselinePath:   o.Baseline,
		IgnorePath:     o.IgnoreFile,
		MaxFileSize:    int64(o.MaxFileSizeMB) << 20,
		MaxDecodeDepth: o.MaxDecodeDepth,
		Workers:        o.Workers,
		FollowSymlinks: o.FollowSymlinks,
		Now:            o.f.Now,
	}
	if o.MaxFileSizeMB == 0 {
		so.MaxFileSize = -1
	}
	so.MaxFindingsPerFile = o.MaxFindings
	if o.MaxFindings == 0 {
		so.MaxFindingsPerFile = -1
	}
	if o.Progress {
		so.Progress = o.f.IO.ErrOut
	}
	switch {
	case o.History:
		so.Mode = scanner.ModeHistory
	case o.Range != "":
		so.Mode, so.Range = scanner.ModeRange, o.Range
	case o.Staged:
		so.Mode = scanner.ModeStaged
	}
	return so
}

func runScan(ctx context.Context, o *scanOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	res, err := o.scan(ctx)
	if err != nil {
		return err
	}
	if o.Verify || o.OnlyVerified {
		o.verify(ctx, res)
	}
	if !o.NoRedact {
		finding.RedactAll(res.Findings)
	}
	if err := writeReport(o.f, o.Format, o.Output, res, !o.NoColor); err != nil {
		return err
	}
	if len(res.Findings) > 0 {
		return ErrLeaksFound
	}
	return nil
}

// writeReport renders res to path (atomically: temp file then rename) or to
// stdout; for machine formats on stdout the summary goes to stderr.
func writeReport(f *Factory, format, path string, res *finding.Result, color bool) error {
	opts := report.Options{Version: f.Version, Color: color && path == "" && f.IO.OutIsTerminal}
	if path == "" {
		if err := report.Write(f.IO.Out, format, res, opts); err != nil {
			return fmt.Errorf("write report: %w", err)
		}
		if format != "text" {
			fmt.Fprintln(f.IO.ErrOut, report.SummaryLine(res))
		}
		return nil
	}
	if err := writeFileAtomic(path, func(w io.Writer) error { return report.Write(w, format, res, opts) }); err != nil {
		return fmt.Errorf("write report %s: %w", path, err)
	}
	fmt.Fprintln(f.IO.ErrOut, report.SummaryLine(res))
	return nil
}

// writeFileAtomic writes through a temporary file in the same directory and
// renames it into place, so a failure leaves no partial file.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".secretsweep-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
