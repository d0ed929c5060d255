package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/secretsweep/secretsweep/internal/finding"

	"github.com/spf13/cobra"

	"github.com/secretsweep/secretsweep/internal/gitrepo"
	"github.com/secretsweep/secretsweep/scanner"
	"github.com/secretsweep/secretsweep/scanner/ghlogs"
	"github.com/secretsweep/secretsweep/scanner/report"
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
	ConfigRev      string
	Baseline       string
	IgnoreFile     string
	NoRedact       bool
	MaxFileSizeMB  int
	MaxFindings    int
	MaxDecodeDepth int
	Workers        int
	FollowSymlinks bool
	AllowMissing   bool
	NoColor        bool
	Progress       bool
	NoProgress     bool
	ActionsLogs    string
	Runs           int
	Workflow       string
	Verify         bool
	OnlyVerified   bool
	MinConfidence  string
	minConf        finding.Confidence
}

// NewCmdScan builds `secretsweep scan`. runF, when set, runs instead of
// runScan once the flags are parsed and valid (tests capture the options).
func NewCmdScan(f *Factory, runF func(*scanOptions) error) *cobra.Command {
	opts := &scanOptions{f: f}
	c := &cobra.Command{
		Use:   "scan [PATH]",
		Short: "Scan a working tree, git history, a commit range or staged changes for secrets",
		Long: `Scan for hardcoded credentials.

Without a mode flag the files of PATH (default ".") are scanned, skipping .git.
--history scans every commit reachable from any branch or tag; --range BASE..HEAD
scans the commits in a range (what a pull request or push adds); --staged scans
what is staged for the next commit. The git modes take a repository directory
as PATH, not a file.

--range reads its argument as git log does: BASE..TIP is the commits reachable
from TIP and not from BASE, an empty side meaning HEAD (BASE.. is BASE..HEAD;
.. alone is empty); a single REV is every commit reachable from REV, down to
the first one (REV~1..REV is the one commit REV). A...B and REV^! are refused.

Configuration is gitleaks' TOML format: --config, else .secretsweep.toml or
.gitleaks.toml at the repository root, else the default rules. Fingerprints in
.gitleaksignore and lines with a gitleaks:allow comment are not reported.

The code under scan does not steer its own scan: with --range the config (and
what it extends), .gitleaksignore and the baseline file are read from BASE's
tree, not from the working tree or the commits scanned; with --staged from
HEAD's. --config-rev REV names another trusted revision; --config,
--ignore-file and --baseline always win. A warning names each of those files
the scanned changes modify.

A scan that could not read everything it was asked to cover fails: corrupt
git objects, refs that lead nowhere, objects absent from the repository, files
a directory walk cannot read. The findings of what was read are reported, the
summary says the scan is incomplete, and the exit code is 2. --allow-missing
accepts, with a counted warning, git objects absent from the clone (a partial
clone's unfetched blobs, an incomplete copy) and files or directories a walk
cannot read; corrupt objects and a named file that cannot be read fail
regardless. A shallow clone's boundary commits are scanned whole, as git shows
them (no parents), with a warning.

Every finding has a confidence: high (provider-shaped tokens, verified
secrets, strong values under secret-named keys), medium (weak passwords in
.env, config and credential files) or low (placeholders, weak values in tests,
fixtures and docs). --min-confidence (default medium, or [scan]
minConfidence in the config) decides what is reported and what fails the
scan; the summary counts what it hid.

Exit codes: 0 no leaks, 1 leaks found, 2 usage or runtime error, or an
incomplete scan.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Path = args[0]
			}
			if err := opts.validate(); err != nil {
				return usageError{err}
			}
			if runF != nil {
				return runF(opts)
			}
			return runScan(cmd.Context(), opts)
		},
	}
	fl := c.Flags()
	fl.BoolVar(&opts.History, "history", false, "scan every commit reachable from all branches and tags")
	fl.StringVar(&opts.Range, "range", "", "scan the commits of a revision range, as git log reads `BASE..TIP` (a single REV: all reachable from REV)")
	fl.BoolVar(&opts.Staged, "staged", false, "scan changes staged for the next commit")
	fl.StringVarP(&opts.Format, "format", "f", "text", fmt.Sprintf("report format: %v", report.Formats()))
	fl.StringVarP(&opts.Output, "output", "o", "", "write the report to `FILE` (default stdout)")
	fl.StringVarP(&opts.Config, "config", "c", "", "gitleaks-format TOML config `FILE`")
	fl.StringVar(&opts.ConfigRev, "config-rev", "", "read .secretsweep.toml/.gitleaks.toml and .gitleaksignore from this trusted `REV`'s tree (default: BASE with --range, HEAD with --staged, else the working tree)")
	fl.StringVarP(&opts.Baseline, "baseline", "b", "", "previous JSON report `FILE`: its findings are not reported again")
	fl.StringVar(&opts.IgnoreFile, "ignore-file", "", "fingerprints to ignore (default <repo>/.gitleaksignore)")
	fl.BoolVar(&opts.NoRedact, "no-redact", false, "show secret values in the report (they are redacted by default)")
	fl.IntVar(&opts.MaxFileSizeMB, "max-file-size", scanner.DefaultMaxFileSize>>20, "skip files larger than this many `MB` (0: no limit)")
	fl.IntVar(&opts.MaxFindings, "max-findings-per-file", scanner.DefaultMaxFindingsPerFile, "report at most `N` findings per file and stop scanning it there, with a warning (0: no limit)")
	fl.IntVar(&opts.MaxDecodeDepth, "max-decode-depth", scanner.DefaultMaxDecodeDepth, "decode base64/hex/percent-encoded text up to this depth (0: off)")
	fl.IntVarP(&opts.Workers, "workers", "j", 0, "parallel workers (default: number of CPUs)")
	fl.BoolVar(&opts.FollowSymlinks, "follow-symlinks", false, "scan symlinked files that stay inside the tree")
	fl.BoolVar(&opts.AllowMissing, "allow-missing", false, "warn instead of failing (exit 2) for git objects absent from the clone (partial clones) and files a directory walk cannot read")
	fl.BoolVar(&opts.NoColor, "no-color", false, "no colours in text output")
	fl.BoolVar(&opts.Progress, "progress", false, "print progress to stderr every two seconds (git modes; a terminal gets a progress bar without it)")
	fl.BoolVar(&opts.NoProgress, "no-progress", false, "no progress bar on a terminal")
	fl.StringVar(&opts.ActionsLogs, "actions-logs", "", "scan the logs of recent GitHub Actions runs of `OWNER/REPO` (needs GITHUB_TOKEN or GH_TOKEN)")
	fl.IntVar(&opts.Runs, "runs", ghlogs.DefaultRuns, "with --actions-logs: how many recent completed runs to scan")
	fl.StringVar(&opts.Workflow, "workflow", "", "with --actions-logs: only runs of this workflow (`FILE`.yml, id or name)")
	fl.BoolVar(&opts.Verify, "verify", false, "check found credentials live with their providers (AWS STS, GitHub, Slack, Stripe, GitLab, npm, PostgreSQL)")
	fl.BoolVar(&opts.OnlyVerified, "only-verified", false, "report only credentials verified live (implies --verify)")
	addMinConfidenceFlag(fl, &opts.MinConfidence)
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
	var err error
	if o.minConf, err = parseMinConfidence(o.MinConfidence); err != nil {
		return fmt.Errorf("--min-confidence: %w", err)
	}
	if o.MaxFileSizeMB < 0 || o.MaxFindings < 0 || o.MaxDecodeDepth < 0 || o.Workers < 0 {
		return errors.New("--max-file-size, --max-findings-per-file, --max-decode-depth and --workers must not be negative")
	}
	return nil
}

func (o *scanOptions) scannerOptions(h finding.Hasher) scanner.Options {
	so := scanner.Options{
		Hasher:         h,
		Path:           o.Path,
		Mode:           scanner.ModeDir,
		ConfigPath:     o.Config,
		ConfigRev:      o.ConfigRev,
		BaselinePath:   o.Baseline,
		IgnorePath:     o.IgnoreFile,
		MaxFileSize:    int64(o.MaxFileSizeMB) << 20,
		MaxDecodeDepth: o.MaxDecodeDepth,
		Workers:        o.Workers,
		FollowSymlinks: o.FollowSymlinks,
		AllowMissing:   o.AllowMissing,
		MinConfidence:  o.minConf,
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
	// An incomplete scan still reports what it found, then fails (exit 2)
	// with the line that names what could not be read.
	var incomplete *scanner.IncompleteError
	if err != nil && (!errors.As(err, &incomplete) || res == nil) {
		return err
	}
	if o.Verify || o.OnlyVerified {
		o.verify(ctx, res)
		scanner.Scorer().Apply(res.Findings) // a verified secret is high
	}
	if !o.NoRedact {
		res.Redact()
	}
	if err := writeReport(o.f, o.Format, o.Output, res, !o.NoColor, o.NoRedact); err != nil {
		return err
	}
	if incomplete != nil {
		return incomplete
	}
	if len(res.Findings) > 0 {
		return ErrLeaksFound
	}
	return nil
}

// writeReport renders res to path (atomically: temp file then rename) or to
// stdout; for machine formats on stdout the summary goes to stderr. The
// file's mode honours the umask; a report holding values (noRedact) is
// readable by its owner only.
func writeReport(f *Factory, format, path string, res *finding.Result, color, noRedact bool) error {
	opts := report.Options{Version: f.Version, Color: color && path == "" && f.IO.OutIsTerminal, Finished: f.Now()}
	if path == "" {
		if err := report.Write(f.IO.Out, format, res, opts); err != nil {
			return fmt.Errorf("write report: %w", err)
		}
		if format != "text" {
			writeSummary(f.IO.ErrOut, res)
		}
		return nil
	}
	if err := gitrepo.WriteFunc(path, outputMode(noRedact), func(w io.Writer) error { return report.Write(w, format, res, opts) }); err != nil {
		return fmt.Errorf("write report %s: %w", path, err)
	}
	writeSummary(f.IO.ErrOut, res)
	return nil
}

// writeSummary writes the warnings and errors (which machine formats do
// not carry) and the summary line, for reports that do not go to the
// terminal as text.
func writeSummary(w io.Writer, res *finding.Result) {
	_ = report.WriteWarnings(w, res.Stats.Warnings)
	_ = report.WriteErrors(w, res.Stats.Errors)
	fmt.Fprintln(w, report.SummaryLine(res))
}

// outputMode is the mode of a file a command writes, before the umask:
// 0600 when it may hold secret values.
func outputMode(holdsValues bool) os.FileMode {
	if holdsValues {
		return 0o600
	}
	return 0o644
}
