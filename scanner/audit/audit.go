// Package audit scans every repository of a GitHub organisation: it lists
// them through the API (go-github, under GitHub's rate limits), clones each
// bare with go-git, scans its full history with the scanner core plus its
// pipeline files at HEAD (and, on request, its recent Actions logs), and
// reports the findings of all of them with their repository and a link to
// the commit and line on GitHub.
//
// With a state file an audit scans only the commits that are new since the
// previous one, marks each open finding new or known, and resumes a run
// that was interrupted without rescanning the repositories it finished.
// Shards split the repository list across machines; Merge joins their
// reports and MergeStates their states.
package audit

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/google/go-github/v60/github"

	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/secretsweep/secretsweep/internal/ghclient"
	"github.com/secretsweep/secretsweep/scanner"
	"github.com/secretsweep/secretsweep/scanner/engine"
	"github.com/secretsweep/secretsweep/scanner/verify"
)

// Options configure an audit.
type Options struct {
	// Org is the organisation to audit.
	Org string
	// Select chooses the repositories (forks, archived, globs, shard).
	Select Selection
	// Workers is how many repositories are scanned at once (default 2);
	// the scanner's own workers are shared among them, and half as many
	// (at least one) are fetched at once.
	Workers int
	// RepoTimeout bounds the clone and scan of one repository (default 1h).
	RepoTimeout time.Duration
	// CacheDir, when set, keeps bare clones between runs (fetched
	// incrementally); otherwise each clone is a temporary directory
	// removed once scanned.
	CacheDir string
	// TempDir holds temporary clones (default os.TempDir()).
	TempDir string
	// StatePath, when set, is the state file (see State).
	StatePath string
	// ConfigPath, MaxFileSize and MaxDecodeDepth are as in scanner.Options.
	// Hasher names each secret by its keyed hash (SecretHash), in reports
	// and in the state; the state must have been written with the same key.
	Hasher         finding.Hasher
	ConfigPath     string
	MaxFileSize    int64
	MaxDecodeDepth int
	// MinConfidence is the lowest confidence reported; "" means the
	// config's [scan] minConfidence, else medium.
	MinConfidence finding.Confidence
	// Verifiers, when set, check the credentials found live (--verify).
	Verifiers []verify.Verifier
	// ActionsLogs adds the logs of each repository's recent Actions runs;
	// ActionsRuns is how many runs (default ghlogs.DefaultRuns).
	ActionsLogs bool
	ActionsRuns int

	// API lists repositories and Actions runs; its transport should be a
	// ghclient.RetryTransport with RetryOptions.
	API *github.Client
	// LogsHTTP downloads Actions log archives (no GitHub credentials).
	LogsHTTP *http.Client
	// Tokens gives the token git clones with.
	Tokens TokenSource
	// PerPage is the listing's page size (default 100).
	PerPage int
	// Now and Sleep are the clock; nil means real time.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
	// Progress, when set, is told of each repository done.
	Progress Progress
	// Counters, when set, is added to by every repository's scan (commits,
	// blobs, bytes, findings) for a live display (BarProgress.Counters).
	Counters *scanner.Counters
	// AfterRepo, when set, is called after a repository's result is
	// recorded (and the state saved), by one worker at a time: tests stop
	// a run there.
	AfterRepo func(RepoResult)
}

func (o *Options) defaults() error {
	if o.Org == "" {
		return errors.New("audit: no organisation")
	}
	if o.API == nil || o.Tokens == nil {
		return errors.New("audit: no GitHub client or token")
	}
	if o.Workers <= 0 {
		o.Workers = 2
	}
	if o.RepoTimeout <= 0 {
		o.RepoTimeout = time.Hour
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Sleep == nil {
		o.Sleep = ghclient.Sleep
	}
	if o.Progress == nil {
		o.Progress = NoProgress{}
	}
	if o.LogsHTTP == nil {
		o.LogsHTTP = &http.Client{Timeout: 10 * time.Minute}
	}
	return nil
}

// auditor is one run.
type auditor struct {
	o     Options
	runID string
	// configPath and ignorePath are given to every scan explicitly, so
	// that no audited repository's own settings (its .secretsweep.toml or
	// .gitleaksignore, which a range scan would otherwise read from the
	// base) can hide its secrets: one policy for the organisation.
	configPath, ignorePath string
	scanWorker             int // scanner workers per repository

	engineOnce sync.Once
	engine     engine.Engine
	engineErr  error

	// fetches bounds the clones being fetched at once: go-git holds up to
	// several times a pack's size while it indexes it (a 57 MiB pack took a
	// 330 MiB peak), far more than a scan of the clone needs afterwards.
	fetches chan struct{}

	mu    sync.Mutex
	state *State // nil without --state
}

// Run audits the organisation. It returns an error only when the audit as
// a whole cannot go on (bad state file, listing failed, interrupted); a
// repository that fails is recorded in the report with its reason.
func Run(ctx context.Context, o Options) (*Report, error) {
	if err := o.defaults(); err != nil {
		return nil, err
	}
	a := &auditor{o: o, fetches: make(chan struct{}, max(1, (o.Workers+1)/2))}
	cleanup, err := a.settings()
	if err != nil {
		return nil, err
	}
	defer cleanup()
	if o.StatePath != "" {
		st, err := LoadState(o.StatePath)
		if err != nil {
			return nil, err
		}
		for _, name := range sortedKeys(st.Repositories) {
			if err := o.Hasher.CheckFindings(st.Repositories[name].Findings); err != nil {
				return nil, fmt.Errorf("state %s: %s: %w", o.StatePath, name, err)
			}
		}
		a.state = st
	}
	listed, err := ListRepos(ctx, o.API, o.Org, o.PerPage)
	if err != nil {
		return nil, err
	}
	repos := o.Select.Apply(listed)
	a.scanWorker = max(1, runtime.GOMAXPROCS(0)/min(o.Workers, max(len(repos), 1)))
	started := o.Now().UTC().Format(time.RFC3339Nano)
	a.runID = newRunID(started)
	if a.state != nil {
		if err := a.beginRun(listed, started); err != nil {
			return nil, err
		}
		started = a.state.Run.Started // a resumed run's
	}
	rep := &Report{
		Kind: ReportKind, Organization: o.Org, Generated: started,
		Verified: len(o.Verifiers) > 0, Incremental: a.state != nil,
	}
	if s := o.Select.Shard.String(); s != "" {
		rep.Shards = []string{s}
	}
	o.Progress.Start(len(repos))
	results := make([]RepoResult, len(repos))
	found := make([][]finding.Finding, len(repos))
	jobs := make(chan int)
	var wg sync.WaitGroup
	var after sync.Mutex // AfterRepo is called by one worker at a time
	for range min(o.Workers, max(len(repos), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				results[i], found[i] = a.one(ctx, repos[i])
				o.Progress.Done(results[i])
				if o.AfterRepo != nil {
					after.Lock()
					o.AfterRepo(results[i])
					after.Unlock()
				}
			}
		}()
	}
feed:
	for i := range repos {
		select {
		case jobs <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	o.Progress.Finish()
	if err := ctx.Err(); err != nil {
		if a.state != nil {
			return nil, fmt.Errorf("audit interrupted (%v); run it again with the same --state to resume", err)
		}
		return nil, fmt.Errorf("audit interrupted (%v)", err)
	}
	if a.state != nil {
		a.state.Run.Complete = true
		if err := a.saveState(); err != nil {
			return nil, err
		}
	}
	rep.Repositories = results
	for _, fs := range found {
		rep.Findings = append(rep.Findings, fs...)
	}
	rep.normalize()
	return rep, nil
}

// beginRun resumes the state's run when it was interrupted (same
// organisation and shard), else starts a new one; entries of repositories
// the organisation no longer has are dropped.
func (a *auditor) beginRun(listed []Repo, started string) error {
	st := a.state
	shard := a.o.Select.Shard.String()
	if r := st.Run; r != nil && !r.Complete && r.Organization == a.o.Org && r.Shard == shard {
		a.runID = r.ID
	} else {
		st.Run = &RunInfo{ID: a.runID, Started: started, Organization: a.o.Org, Shard: shard}
	}
	exists := map[string]bool{}
	for _, r := range listed {
		exists[strings.ToLower(r.FullName)] = true
	}
	prefix := strings.ToLower(a.o.Org) + "/"
	for name := range st.Repositories {
		if l := strings.ToLower(name); strings.HasPrefix(l, prefix) && !exists[l] {
			delete(st.Repositories, name)
		}
	}
	return a.saveState()
}

func (a *auditor) saveState() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.state.Save(a.o.StatePath)
}

// one audits a repository and records the outcome in the state.
func (a *auditor) one(ctx context.Context, repo Repo) (RepoResult, []finding.Finding) {
	prev := a.entry(repo.FullName)
	if prev != nil && prev.Run == a.runID && prev.Result.Status == StatusOK {
		// Finished by this run before it was interrupted.
		return prev.Result, cloneFindings(prev.Findings)
	}
	rr := RepoResult{Repository: repo.FullName, URL: repo.HTMLURL, Fork: repo.Fork, Archived: repo.Archived}
	fs, tipList, err := a.scanRepo(ctx, repo, prev, &rr)
	if err != nil {
		rr.Status, rr.Reason = StatusFailed, a.reason(ctx, err)
		rr.Commits, rr.Blobs, rr.PipelineFiles, rr.LogFiles, rr.Scan = 0, 0, 0, 0, ""
		// What earlier runs found is still open: the report lists it.
		var kept []finding.Finding
		if prev != nil {
			kept = cloneFindings(prev.Findings)
			for i := range kept {
				setMark(&kept[i], MarkKnown)
			}
		}
		rr.Findings = len(kept)
		return rr, kept
	}
	rr.Status = StatusOK
	rr.Findings = len(fs)
	for i := range fs {
		if markOf(&fs[i]) == MarkNew {
			rr.New++
		}
	}
	if a.state != nil {
		a.mu.Lock()
		a.state.Repositories[repo.FullName] = &RepoState{Run: a.runID, Tips: tipList, Result: rr, Findings: cloneFindings(fs)}
		a.mu.Unlock()
		if err := a.saveState(); err != nil {
			rr.Status, rr.Reason = StatusFailed, err.Error()
		}
	}
	return rr, fs
}

// reason is a failure's one-line reason.
func (a *auditor) reason(ctx context.Context, err error) string {
	if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
		return fmt.Sprintf("timed out (--repo-timeout %s)", a.o.RepoTimeout)
	}
	return strings.ReplaceAll(err.Error(), "\n", " ")
}

func (a *auditor) entry(name string) *RepoState {
	if a.state == nil {
		return nil
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.state.Repositories[name]
}

func (a *auditor) getEngine() (engine.Engine, error) {
	a.engineOnce.Do(func() {
		cfg, err := engine.LoadConfig(a.configPath, "")
		if err != nil {
			a.engineErr = err
			return
		}
		a.engine = engine.New(cfg, engine.Options{MaxDecodeDepth: a.o.MaxDecodeDepth, Hasher: a.o.Hasher})
	})
	return a.engine, a.engineErr
}

// settings writes the audit's own settings: the default rules (unless
// --config names a file) and an empty ignore list.
func (a *auditor) settings() (func(), error) {
	dir, err := os.MkdirTemp(a.o.TempDir, "secretsweep-audit-settings-*")
	if err != nil {
		return nil, fmt.Errorf("audit settings: %w", err)
	}
	cleanup := func() { os.RemoveAll(dir) }
	a.configPath, a.ignorePath = a.o.ConfigPath, filepath.Join(dir, "ignore")
	write := func(p, s string) error { return os.WriteFile(p, []byte(s), 0o600) }
	err = write(a.ignorePath, "")
	if err == nil && a.configPath == "" {
		a.configPath = filepath.Join(dir, "default.toml")
		err = write(a.configPath, "# the default rules\n[extend]\nuseDefault = true\n")
	}
	if err != nil {
		cleanup()
		return nil, fmt.Errorf("audit settings: %w", err)
	}
	return cleanup, nil
}

// newRunID is unique to a run: its start and a random suffix.
func newRunID(started string) string {
	var b [6]byte
	rand.Read(b[:])
	return started + "-" + hex.EncodeToString(b[:])
}

// workDir is the clone's directory and a cleanup to call when done.
func (a *auditor) workDir(repo Repo) (string, func(), error) {
	if a.o.CacheDir != "" {
		dir, err := cachePath(a.o.CacheDir, repo.FullName)
		return dir, func() {}, err
	}
	dir, err := os.MkdirTemp(a.o.TempDir, "secretsweep-audit-*")
	if err != nil {
		return "", nil, fmt.Errorf("temporary clone directory: %w", err)
	}
	return dir, func() { os.RemoveAll(dir) }, nil
}

func cloneFindings(fs []finding.Finding) []finding.Finding {
	out := make([]finding.Finding, len(fs))
	for i, f := range fs {
		if f.Extra != nil {
			extra := make(map[string]string, len(f.Extra))
			for k, v := range f.Extra {
				extra[k] = v
			}
			f.Extra = extra
		}
		f.Tags = append([]string(nil), f.Tags...)
		out[i] = f
	}
	return out
}

// containsAll reports whether every element of want is in have (sorted).
func containsAll(have, want []string) bool {
	for _, w := range want {
		if i := sort.SearchStrings(have, w); i == len(have) || have[i] != w {
			return false
		}
	}
	return true
}
