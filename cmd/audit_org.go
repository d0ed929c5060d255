package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"time"

	"github.com/bradleyfalzon/ghinstallation/v2"
	"github.com/google/go-github/v60/github"
	"github.com/spf13/cobra"

	"github.com/secretsweep/secretsweep/internal/credential/endpoint"
	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/secretsweep/secretsweep/internal/ghclient"
	"github.com/secretsweep/secretsweep/internal/gitrepo"
	"github.com/secretsweep/secretsweep/scanner"
	"github.com/secretsweep/secretsweep/scanner/audit"
	"github.com/secretsweep/secretsweep/scanner/ghlogs"
	"github.com/secretsweep/secretsweep/scanner/verify"
)

// auditOrgOptions holds the flags of `audit org`.
type auditOrgOptions struct {
	f *Factory

	Org             string
	IncludeForks    bool
	IncludeArchived bool
	RepoFilter      []string
	Exclude         []string
	Workers         int
	RepoTimeout     time.Duration
	CacheDir        string
	State           string
	Shard           string
	Format          string
	Output          string
	Config          string
	MaxFileSizeMB   int
	MaxDecodeDepth  int
	Verify          bool
	ActionsLogs     bool
	Runs            int
	AppID           int64
	InstallationID  int64
	AppKeyFile      string
	Quiet           bool
	MinConfidence   string
	NoProgress      bool

	shard   audit.Shard
	minConf finding.Confidence
	// sleep is the rate-limit wait (tests make it instant).
	sleep func(ctx context.Context, d time.Duration) error
	// perPage is the listing's page size (tests page small).
	perPage int
}

// NewCmdAuditOrg builds `secretsweep audit org ORG`; runF, when set, runs
// instead of the audit (tests of flag parsing).
func NewCmdAuditOrg(f *Factory, runF func(*auditOrgOptions) error) *cobra.Command {
	opts := &auditOrgOptions{f: f}
	c := &cobra.Command{
		Use:   "org ORG",
		Short: "Scan the full history of every repository of a GitHub organisation",
		Long: `Scan every repository of a GitHub organisation: each is cloned bare (into a
temporary directory, or --cache-dir where it is kept and fetched incrementally),
its full history scanned, plus its workflow and pipeline files at HEAD and, with
--actions-logs, the logs of its recent Actions runs.

Authentication: GITHUB_TOKEN or GH_TOKEN, or a GitHub App (--app-id,
--installation-id, --app-key-file) whose installation token is refreshed before
it expires. GITHUB_API_URL points at GitHub Enterprise Server. Rate limits are
waited out (the reset of the primary limit; Retry-After, then exponential
backoff, for the secondary one).

--state FILE records per repository the commits scanned and the open findings
(redacted): the next run scans only new commits, marks each finding new or
known, and a run that was interrupted resumes without rescanning the
repositories it finished. --shard I/N takes one share of the repositories (by a
hash of the full name); "secretsweep report merge" joins the shards' JSON reports.

A repository that fails (clone error, empty, --repo-timeout) is listed with its
reason and the audit goes on. Exit codes: 0 no leaks, 1 leaks found, 2 usage
error or every repository failed.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Org = args[0]
			if err := opts.validate(); err != nil {
				return usageError{err}
			}
			if runF != nil {
				return runF(opts)
			}
			return runAuditOrg(cmd.Context(), opts)
		},
	}
	fl := c.Flags()
	fl.BoolVar(&opts.IncludeForks, "include-forks", false, "also scan forks")
	fl.BoolVar(&opts.IncludeArchived, "include-archived", false, "also scan archived repositories")
	fl.StringArrayVar(&opts.RepoFilter, "repo-filter", nil, "only repositories whose name or owner/name matches `GLOB` (repeatable)")
	fl.StringArrayVar(&opts.Exclude, "exclude", nil, "skip repositories whose name or owner/name matches `GLOB` (repeatable)")
	fl.IntVarP(&opts.Workers, "workers", "j", 2, "repositories scanned in parallel")
	fl.DurationVar(&opts.RepoTimeout, "repo-timeout", time.Hour, "give up on one repository's clone and scan after this long")
	fl.StringVar(&opts.CacheDir, "cache-dir", "", "keep bare clones in `DIR` and fetch them incrementally next time")
	fl.StringVar(&opts.State, "state", "", "state `FILE`: scan only commits new since the last run, mark findings new or known, resume an interrupted run")
	fl.StringVar(&opts.Shard, "shard", "", "scan only share `I/N` of the repositories (by a hash of the full name)")
	fl.StringVarP(&opts.Format, "format", "f", "json", fmt.Sprintf("report format: %v", audit.Formats()))
	fl.StringVarP(&opts.Output, "output", "o", "", "write the report to `FILE` (default stdout)")
	fl.StringVarP(&opts.Config, "config", "c", "", "gitleaks-format TOML config `FILE` (default: the default rules)")
	fl.IntVar(&opts.MaxFileSizeMB, "max-file-size", scanner.DefaultMaxFileSize>>20, "skip files larger than this many `MB` (0: no limit)")
	fl.IntVar(&opts.MaxDecodeDepth, "max-decode-depth", 5, "decode base64/hex/percent-encoded text up to this depth (0: off)")
	fl.BoolVar(&opts.Verify, "verify", false, "check found credentials live with their providers")
	fl.BoolVar(&opts.ActionsLogs, "actions-logs", false, "also scan the logs of each repository's recent GitHub Actions runs")
	fl.IntVar(&opts.Runs, "runs", ghlogs.DefaultRuns, "with --actions-logs: how many recent completed runs per repository")
	fl.Int64Var(&opts.AppID, "app-id", 0, "authenticate as this GitHub App (with --installation-id and --app-key-file)")
	fl.Int64Var(&opts.InstallationID, "installation-id", 0, "the GitHub App's installation `ID` in the organisation")
	fl.StringVar(&opts.AppKeyFile, "app-key-file", "", "the GitHub App's private key (`PEM` file)")
	fl.BoolVarP(&opts.Quiet, "quiet", "q", false, "no progress on stderr")
	addMinConfidenceFlag(fl, &opts.MinConfidence)
	fl.BoolVar(&opts.NoProgress, "no-progress", false, "no progress bar on a terminal (nor any progress, as --quiet)")
	return c
}

var orgName = regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$`)

func (o *auditOrgOptions) validate() error {
	if !orgName.MatchString(o.Org) {
		return fmt.Errorf("%q is not a GitHub organisation name", o.Org)
	}
	if err := audit.CheckFormat(o.Format); err != nil {
		return err
	}
	if o.Workers < 1 {
		return fmt.Errorf("--workers must be at least 1, got %d", o.Workers)
	}
	if o.RepoTimeout <= 0 {
		return fmt.Errorf("--repo-timeout must be positive, got %s", o.RepoTimeout)
	}
	if o.MaxFileSizeMB < 0 || o.MaxDecodeDepth < 0 {
		return errors.New("--max-file-size and --max-decode-depth must not be negative")
	}
	var err error
	if o.minConf, err = parseMinConfidence(o.MinConfidence); err != nil {
		return fmt.Errorf("--min-confidence: %w", err)
	}
	if o.Shard != "" {
		s, err := audit.ParseShard(o.Shard)
		if err != nil {
			return err
		}
		o.shard = s
	}
	if err := audit.CheckGlobs(o.RepoFilter); err != nil {
		return fmt.Errorf("--repo-filter: %w", err)
	}
	if err := audit.CheckGlobs(o.Exclude); err != nil {
		return fmt.Errorf("--exclude: %w", err)
	}
	if !o.ActionsLogs && o.Runs != ghlogs.DefaultRuns {
		return errors.New("--runs needs --actions-logs")
	}
	if o.Runs < 1 {
		return fmt.Errorf("--runs must be at least 1, got %d", o.Runs)
	}
	app := o.AppID != 0 || o.InstallationID != 0 || o.AppKeyFile != ""
	if app && (o.AppID <= 0 || o.InstallationID <= 0 || o.AppKeyFile == "") {
		return errors.New("a GitHub App needs --app-id, --installation-id and --app-key-file together")
	}
	if !app && ghclient.Token(o.f.Getenv) == "" {
		return errors.New("no GitHub credentials: set GITHUB_TOKEN or GH_TOKEN, or pass --app-id, --installation-id and --app-key-file")
	}
	for flag, dir := range map[string]string{"--output": o.Output, "--state": o.State} {
		if dir == "" {
			continue
		}
		if st, err := os.Stat(filepath.Dir(dir)); err != nil || !st.IsDir() {
			return fmt.Errorf("%s %s: directory %s does not exist", flag, dir, filepath.Dir(dir))
		}
	}
	if o.CacheDir != "" {
		if err := os.MkdirAll(o.CacheDir, 0o700); err != nil {
			return fmt.Errorf("--cache-dir: %w", err)
		}
	}
	return nil
}

// clients builds the API client (rate limits handled by its transport) and
// the source of the token that git clones with: the environment's token, or
// a GitHub App installation token from github.com/bradleyfalzon/ghinstallation,
// which signs the app's JWT and refreshes the token a minute before it expires.
func (o *auditOrgOptions) clients(progress audit.Progress) (*github.Client, audit.TokenSource, error) {
	base := o.f.HTTPClient()
	ro := audit.RetryOptions()
	ro.Now, ro.Sleep, ro.OnWait = o.f.Now, o.sleep, progress.Wait
	rl := ghclient.NewRetryTransport(base.Transport, ro)
	if o.AppID == 0 {
		api, err := ghclient.New(&http.Client{Transport: rl, Timeout: base.Timeout}, o.f.Getenv)
		if err != nil {
			return nil, nil, err
		}
		return api, audit.StaticToken(ghclient.Token(o.f.Getenv)), nil
	}
	itr, err := ghinstallation.NewKeyFromFile(rl, o.AppID, o.InstallationID, o.AppKeyFile)
	if err != nil {
		return nil, nil, fmt.Errorf("--app-key-file %s: %v", o.AppKeyFile, appKeyError(err))
	}
	itr.BaseURL = "https://api.github.com"
	if u := o.f.Getenv("GITHUB_API_URL"); u != "" {
		itr.BaseURL = strings.TrimSuffix(u, "/")
	}
	// The installation transport authenticates every API call; the
	// environment's token, if any, is not used.
	noToken := func(k string) string {
		if k == "GITHUB_TOKEN" || k == "GH_TOKEN" {
			return ""
		}
		return o.f.Getenv(k)
	}
	api, err := ghclient.New(&http.Client{Transport: itr, Timeout: base.Timeout}, noToken)
	if err != nil {
		return nil, nil, err
	}
	return api, itr, nil
}

// appKeyError keeps the key file's content out of the message.
func appKeyError(err error) string {
	msg := err.Error()
	if strings.Contains(msg, "no such file") || strings.Contains(msg, "permission denied") {
		return msg
	}
	return "not an RSA private key in PEM format"
}

func runAuditOrg(ctx context.Context, o *auditOrgOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	// Ctrl-C or SIGTERM stops the workers, which remove their temporary
	// clones; the state file is consistent at any moment (kill -9 too).
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	hasher, err := o.f.hasher()
	if err != nil {
		return err
	}
	progress, counters := o.progress()
	api, tokens, err := o.clients(progress)
	if err != nil {
		return err
	}
	logsHTTP := *o.f.HTTPClient()
	logsHTTP.Timeout = logDownloadTimeout
	ao := audit.Options{
		Org: o.Org,
		Select: audit.Selection{
			IncludeForks: o.IncludeForks, IncludeArchived: o.IncludeArchived,
			Filters: o.RepoFilter, Excludes: o.Exclude, Shard: o.shard,
		},
		Workers: o.Workers, RepoTimeout: o.RepoTimeout, CacheDir: o.CacheDir, StatePath: o.State,
		ConfigPath: o.Config, MaxFileSize: int64(o.MaxFileSizeMB) << 20, MaxDecodeDepth: o.MaxDecodeDepth, MinConfidence: o.minConf,
		ActionsLogs: o.ActionsLogs, ActionsRuns: o.Runs,
		API: api, LogsHTTP: &logsHTTP, Tokens: tokens, PerPage: o.perPage,
		Now: o.f.Now, Sleep: o.sleep, Progress: progress, Counters: counters, Hasher: hasher,
	}
	if o.MaxFileSizeMB == 0 {
		ao.MaxFileSize = -1
	}
	if o.Verify {
		ao.Verifiers = verify.Registry(endpoint.FromEnv(o.f.Getenv), o.f.HTTPClient())
	}
	rep, err := audit.Run(ctx, ao)
	if err != nil {
		return err
	}
	if err := writeAuditReport(o.f, o.Format, o.Output, rep); err != nil {
		return err
	}
	failed := rep.Failed()
	for _, r := range failed {
		fmt.Fprintf(o.f.IO.ErrOut, "failed: %s: %s\n", r.Repository, r.Reason)
	}
	if len(failed) > 0 && len(failed) == len(rep.Repositories) {
		return fmt.Errorf("all %d repositories failed (reasons above)", len(failed))
	}
	if len(rep.Findings) > 0 {
		return ErrLeaksFound
	}
	return nil
}

// progress is a bar when stderr is a terminal (isTerminal, hook_run.go),
// with the live counters of the repositories' scans; plain lines
// otherwise; nothing with --quiet. --no-progress drops the bar only.
func (o *auditOrgOptions) progress() (audit.Progress, *scanner.Counters) {
	w := o.f.IO.ErrOut
	switch {
	case o.Quiet:
		return audit.NoProgress{}, nil
	case o.f.IO.ErrIsTerminal || isTerminal(w):
		if o.NoProgress {
			return audit.NoProgress{}, nil
		}
		c := &scanner.Counters{}
		bar := audit.NewBarProgress(w)
		bar.Counters = c
		return bar, c
	}
	return audit.NewLineProgress(w), nil
}

// writeAuditReport renders the report to path (atomically) or stdout, then
// the summary line to stderr.
func writeAuditReport(f *Factory, format, path string, rep *audit.Report) error {
	if path == "" {
		if err := audit.Write(f.IO.Out, format, rep, f.Version); err != nil {
			return fmt.Errorf("write report: %w", err)
		}
	} else if err := gitrepo.WriteFunc(path, 0o644, func(w io.Writer) error { return audit.Write(w, format, rep, f.Version) }); err != nil {
		return fmt.Errorf("write report %s: %w", path, err)
	}
	fmt.Fprintln(f.IO.ErrOut, rep.Summary())
	return nil
}
