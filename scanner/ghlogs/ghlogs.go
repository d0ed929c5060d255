// Package ghlogs scans the logs of GitHub Actions workflow runs for secrets.
// Secrets reach run logs when a step transforms them past GitHub's masker
// (base64, URL-encoding, a substring, a derived value); GitHub does not scan
// logs itself. Scan lists recent runs through go-github, downloads each run's
// log archive (a zip, streamed to a temporary file under a size cap), strips
// the timestamp GitHub puts before every line and hands every step log to the
// scanner engine.
package ghlogs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/secretsweep/secretsweep/internal/ghclient"
	"github.com/secretsweep/secretsweep/scanner/engine"

	"github.com/google/go-github/v60/github"
)

// Source is the Finding.Source of findings in Actions logs.
const Source = "actions-log"

// Defaults for Options.
const (
	DefaultRuns             = 10
	DefaultMaxArchiveSize   = 512 << 20 // compressed bytes per run archive
	DefaultMaxLogBytes      = 4 << 30   // decompressed bytes per run archive
	DefaultMaxRateLimitWait = 3 * time.Minute
)

// Options configure a scan of Actions logs.
type Options struct {
	// Repo is OWNER/REPO.
	Repo string
	// Runs is how many of the most recent completed runs to scan
	// (default DefaultRuns).
	Runs int
	// Workflow limits the scan to one workflow: a file name (ci.yml, or
	// .github/workflows/ci.yml), a numeric workflow id, or a workflow's name.
	Workflow string
	// ConfigPath is a gitleaks-format config; empty means the default rules
	// (or .secretsweep.toml / .gitleaks.toml in the current directory).
	ConfigPath string
	// MaxDecodeDepth bounds recursive decoding of base64, hex and
	// percent-encoded text, the usual way secrets slip past the masker. As
	// in scanner.Options, 0 disables decoding (the commands default to
	// scanner.DefaultMaxDecodeDepth); ignored with Engine.
	MaxDecodeDepth int
	// Engine, when set, is used instead of one built from ConfigPath.
	Engine engine.Engine
	// MaxArchiveSize caps the download of one run's zip (default 512 MiB).
	MaxArchiveSize int64
	// MaxLogBytes caps the decompressed size of one run's logs (default 4 GiB),
	// a guard against zip bombs.
	MaxLogBytes int64
	// MaxRateLimitWait is the longest wait for a rate limit to reset; a
	// longer one is an error (default 3 minutes).
	MaxRateLimitWait time.Duration
	// TempDir holds downloaded archives while they are scanned (default os.TempDir()).
	TempDir string
	// Now and Sleep are the clock (tests inject both); nil means real time.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
	// Progress, when set, receives one line per run.
	Progress io.Writer
	// Hasher sets each finding's keyed SecretHash (ignored with Engine).
	Hasher finding.Hasher
}

func (o *Options) defaults() error {
	if o.Runs == 0 {
		o.Runs = DefaultRuns
	}
	if o.Runs < 0 {
		return fmt.Errorf("--runs must be positive, got %d", o.Runs)
	}
	if o.MaxDecodeDepth < 0 {
		return fmt.Errorf("--max-decode-depth must not be negative, got %d", o.MaxDecodeDepth)
	}
	if o.MaxArchiveSize <= 0 {
		o.MaxArchiveSize = DefaultMaxArchiveSize
	}
	if o.MaxLogBytes <= 0 {
		o.MaxLogBytes = DefaultMaxLogBytes
	}
	if o.MaxRateLimitWait <= 0 {
		o.MaxRateLimitWait = DefaultMaxRateLimitWait
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Sleep == nil {
		o.Sleep = ghclient.Sleep
	}
	return nil
}

// SplitRepo parses OWNER/REPO.
func SplitRepo(s string) (owner, repo string, err error) {
	owner, repo, ok := strings.Cut(strings.TrimSpace(s), "/")
	if !ok || owner == "" || repo == "" || strings.Contains(repo, "/") {
		return "", "", fmt.Errorf("--actions-logs wants OWNER/REPO, got %q", s)
	}
	return owner, strings.TrimSuffix(repo, ".git"), nil
}

// Scan scans the logs of the most recent completed workflow runs of
// opts.Repo. client talks to the GitHub API (its base URL and token decide
// GitHub.com or GHES); hc downloads the archives from the pre-signed URL the
// API redirects to, without GitHub credentials. Runs whose logs have expired
// or were deleted are skipped with a warning in Result.Stats.Warnings.
// Findings are returned unredacted, as scanner.Scan returns them.
func Scan(ctx context.Context, client *github.Client, hc *http.Client, opts Options) (*finding.Result, error) {
	if client == nil || hc == nil {
		return nil, errors.New("actions logs: no GitHub or HTTP client")
	}
	if err := opts.defaults(); err != nil {
		return nil, err
	}
	owner, repo, err := SplitRepo(opts.Repo)
	if err != nil {
		return nil, err
	}
	eng := opts.Engine
	if eng == nil {
		cfg, err := engine.LoadConfig(opts.ConfigPath, ".")
		if err != nil {
			return nil, err
		}
		eng = engine.New(cfg, engine.Options{MaxDecodeDepth: opts.MaxDecodeDepth, Hasher: opts.Hasher})
	}
	s := &session{opts: opts, gh: withRetry(client, opts), hc: hc, owner: owner, repo: repo, engine: eng}
	start := opts.Now()
	runs, err := s.listRuns(ctx)
	if err != nil {
		return nil, err
	}
	res := &finding.Result{}
	for _, run := range runs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		found, err := s.scanRun(ctx, run)
		if errors.Is(err, errLogsGone) {
			res.Stats.Warnings = append(res.Stats.Warnings,
				fmt.Sprintf("run %d: logs are no longer available (expired or deleted); skipped", run.GetID()))
			continue
		}
		if err != nil {
			return nil, err
		}
		res.Stats.Files += found.files
		res.Findings = append(res.Findings, found.findings...)
		if opts.Progress != nil {
			fmt.Fprintf(opts.Progress, "run %d (%s): %d log files, %d findings\n",
				run.GetID(), run.GetName(), found.files, len(found.findings))
		}
	}
	res.Stats.Mode = "actions-logs"
	res.Stats.Bytes = eng.Bytes()
	res.Stats.Duration = opts.Now().Sub(start)
	return res, nil
}

// session holds what one Scan call shares.
type session struct {
	opts        Options
	gh          *github.Client
	hc          *http.Client
	owner, repo string
	engine      engine.Engine
}

type runResult struct {
	files    int
	findings []finding.Finding
}

// scanRun downloads one run's archive and scans it.
func (s *session) scanRun(ctx context.Context, run *github.WorkflowRun) (runResult, error) {
	path, err := s.download(ctx, run.GetID())
	if err != nil {
		return runResult{}, err
	}
	defer os.Remove(path)
	f, err := os.Open(path)
	if err != nil {
		return runResult{}, fmt.Errorf("run %d: %w", run.GetID(), err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return runResult{}, fmt.Errorf("run %d: %w", run.GetID(), err)
	}
	var out runResult
	meta := map[string]string{
		"run_id":   strconv.FormatInt(run.GetID(), 10),
		"run_url":  run.GetHTMLURL(),
		"workflow": run.GetName(),
	}
	if sha := run.GetHeadSHA(); sha != "" {
		meta["head_sha"] = sha
	}
	err = readArchive(f, st.Size(), s.opts.MaxLogBytes, func(lf logFile, chunk string, startLine int) {
		frag := engine.Fragment{
			Path:      lf.fragmentPath(run.GetID()),
			Text:      chunk,
			StartLine: startLine,
		}
		for _, fd := range s.engine.Scan(ctx, frag) {
			fd.Source = Source
			fd.Link = run.GetHTMLURL()
			fd.Extra = map[string]string{
				"job":  lf.Job,
				"step": lf.Step,
				"line": strconv.Itoa(fd.StartLine),
			}
			for k, v := range meta {
				fd.Extra[k] = v
			}
			out.findings = append(out.findings, fd)
		}
	}, func() { out.files++ })
	if err != nil {
		return runResult{}, fmt.Errorf("run %d: %w", run.GetID(), err)
	}
	return out, nil
}
