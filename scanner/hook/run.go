package hook

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/secretsweep/secretsweep/internal/gitrepo"

	"github.com/secretsweep/secretsweep/scanner"
)

// ScanFunc runs one scan; scanner.Scan in production.
type ScanFunc func(ctx context.Context, opts scanner.Options) (*finding.Result, error)

// Runner scans what a hook guards. The repository's config
// (.secretsweep.toml / .gitleaks.toml), .gitleaksignore and baseline apply,
// read from a revision the change cannot touch: for a push, the remote's
// tip (the remote value of the ref being updated, else the remote's
// default branch as last fetched); for a commit, HEAD. A pushed or staged
// change to them applies once it is on the remote or committed.
type Runner struct {
	// Dir is where the hook runs (git runs hooks at the working tree root);
	// "" means ".".
	Dir string
	// Remote is the name of the remote pushed to (git's first hook
	// argument); "" means PRE_COMMIT_REMOTE_NAME. It finds the remote's
	// default branch when a push creates a branch.
	Remote string
	// ConfigPath overrides the config found in the trusted revision.
	ConfigPath string
	// BaselinePath is a previous JSON report whose findings are not reported
	// again; "" means .secretsweep-baseline.json in the trusted revision,
	// when it has one.
	BaselinePath string
	// Scan runs scans; nil means scanner.Scan.
	Scan ScanFunc
	// Getenv reads the variables git and the pre-commit framework set for
	// hooks (GIT_DIR, GIT_WORK_TREE, GIT_INDEX_FILE, PRE_COMMIT_*); nil
	// means os.Getenv.
	Getenv func(string) string
	// Hasher makes the findings' keyed hashes, which the baseline is
	// matched by.
	Hasher finding.Hasher
	// MinConfidence is the lowest confidence that blocks; "" means the
	// trusted config's [scan] minConfidence, else medium.
	MinConfidence finding.Confidence
}

// Outcome is what a hook run found. Findings are always redacted.
type Outcome struct {
	Findings []finding.Finding
	Commits  int      // commits scanned
	Warnings []string // scanner warnings, one line each
	withheld []string // secrets of ignored or baselined findings
	Errors   []string // what could not be read, one line each
	// BelowConfidence counts the findings the confidence threshold hid
	// (MinConfidence): they do not block.
	BelowConfidence int
	MinConfidence   finding.Confidence
}

// PrePush scans the commits that updates push. With no updates it falls
// back to the PRE_COMMIT_* variables the pre-commit framework sets for its
// pre-push stage (the framework reads git's input itself). When the commits
// could not all be read it returns the Outcome of what was read together
// with an error that is scanner.ErrIncomplete: the push must be blocked.
func (rn *Runner) PrePush(ctx context.Context, updates []Update) (*Outcome, error) {
	loc, err := rn.locate()
	if err != nil {
		return nil, err
	}
	res, err := openResolver(loc)
	if err != nil {
		return nil, err
	}
	if c, ok := res.(io.Closer); ok {
		defer c.Close()
	}
	if len(updates) == 0 {
		if updates, err = preCommitUpdates(rn.getenv(), res); err != nil {
			return nil, err
		}
	}
	targets, err := Plan(updates, res)
	if err != nil {
		return nil, err
	}
	out := &Outcome{}
	seen := map[string]bool{}
	var incomplete error
	for _, t := range targets {
		opts := rn.options(loc, scanner.ModeRange)
		opts.Include, opts.Exclude, opts.ExcludeRemotes = t.Include, t.Exclude, t.ExcludeRemotes
		if opts.ConfigRev, err = rn.trustedRev(t, res); err != nil {
			return nil, err
		}
		r, err := rn.scan(ctx, opts)
		if err != nil {
			if !errors.Is(err, scanner.ErrIncomplete) || r == nil {
				return nil, err
			}
			if incomplete == nil {
				incomplete = err
			}
		}
		out.add(r, seen)
	}
	out.redact()
	return out, incomplete
}

// PreCommit scans the changes staged for the next commit: the index git
// names in GIT_INDEX_FILE (as for "git commit -a"), else the repository's.
// Like PrePush, it returns an Outcome with a scanner.ErrIncomplete error
// when the staged content could not all be read.
func (rn *Runner) PreCommit(ctx context.Context) (*Outcome, error) {
	loc, err := rn.locate()
	if err != nil {
		return nil, err
	}
	opts := rn.options(loc, scanner.ModeStaged)
	if index, ok := usesOtherIndex(loc, rn.dir(), rn.getenv()("GIT_INDEX_FILE")); ok {
		opts.IndexPath = index
	}
	r, err := rn.scan(ctx, opts)
	if err != nil && (!errors.Is(err, scanner.ErrIncomplete) || r == nil) {
		return nil, err
	}
	out := &Outcome{}
	out.add(r, map[string]bool{})
	out.redact()
	return out, err
}

// preCommitUpdates builds an update from the pre-commit framework's
// variables: PRE_COMMIT_FROM_REF..PRE_COMMIT_TO_REF, or, when the whole
// branch is new (no FROM/TO), PRE_COMMIT_LOCAL_BRANCH as a new ref.
func preCommitUpdates(getenv func(string) string, res Resolver) ([]Update, error) {
	zero := strings.Repeat("0", 40)
	from, to := getenv("PRE_COMMIT_FROM_REF"), getenv("PRE_COMMIT_TO_REF")
	if from != "" && to != "" {
		fh, fok, err := res.PeelCommit(from)
		if err != nil {
			return nil, err
		}
		th, tok, err := res.PeelCommit(to)
		if err != nil {
			return nil, err
		}
		if !tok {
			return nil, fmt.Errorf("PRE_COMMIT_TO_REF %q is not a commit in this repository", to)
		}
		if !fok {
			fh = zero
		}
		return []Update{{LocalRef: to, LocalSHA: th, RemoteRef: getenv("PRE_COMMIT_REMOTE_BRANCH"), RemoteSHA: fh}}, nil
	}
	if lb := getenv("PRE_COMMIT_LOCAL_BRANCH"); lb != "" {
		lh, ok, err := res.PeelCommit(lb)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, fmt.Errorf("PRE_COMMIT_LOCAL_BRANCH %q is not a commit in this repository", lb)
		}
		return []Update{{LocalRef: lb, LocalSHA: lh, RemoteRef: getenv("PRE_COMMIT_REMOTE_BRANCH"), RemoteSHA: zero}}, nil
	}
	return nil, nil
}

func (o *Outcome) add(r *finding.Result, seen map[string]bool) {
	o.Commits += r.Stats.Commits
	o.Warnings = append(o.Warnings, r.Stats.Warnings...)
	o.withheld = append(o.withheld, r.Withheld...)
	o.Errors = append(o.Errors, r.Stats.Errors...)
	o.BelowConfidence += r.Stats.BelowConfidence
	if r.Stats.MinConfidence != "" {
		o.MinConfidence = r.Stats.MinConfidence
	}
	for _, f := range r.Findings {
		key := f.Fingerprint
		if key == "" {
			key = fmt.Sprintf("%s:%s:%s:%d:%s", f.Commit, f.File, f.RuleID, f.StartLine, f.SecretHash)
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		o.Findings = append(o.Findings, f)
	}
}

// redact redacts the findings once all scans are in, with the union of
// their secrets and the withheld ones (finding.RedactAll).
func (o *Outcome) redact() {
	finding.RedactAll(o.Findings, o.withheld...)
	o.withheld = nil
}

func (rn *Runner) dir() string {
	if rn.Dir == "" {
		return "."
	}
	return rn.Dir
}

// locate finds the repository the hook guards: the one git names in
// GIT_DIR (and GIT_WORK_TREE) when it set them, as it does in linked
// worktrees and for "git --git-dir", else the one containing Dir.
func (rn *Runner) locate() (*gitrepo.Repo, error) {
	return gitrepo.FindEnv(rn.dir(), rn.getenv())
}

// options are the scan options of a hook run for the repository: the work
// tree root and its git directory. Settings not given explicitly come from
// the trusted revision: ModeStaged reads HEAD's, PrePush sets ConfigRev per
// target.
func (rn *Runner) options(loc *gitrepo.Repo, mode scanner.Mode) scanner.Options {
	root := loc.Root
	if root == "" {
		root = loc.GitDir
	}
	opts := scanner.Options{Path: root, GitDir: loc.GitDir, Mode: mode, ConfigPath: rn.ConfigPath, BaselinePath: rn.BaselinePath, Hasher: rn.Hasher,
		MaxDecodeDepth: scanner.DefaultMaxDecodeDepth, MinConfidence: rn.MinConfidence} // as scan does
	if opts.BaselinePath == "" {
		opts.BaselineName = BaselineFile
	}
	return opts
}

// trustedRev returns the revision a push target's settings are read from:
// the remote's old value of the first updated ref (what the remote has, so
// the push cannot change it), else, for a new branch, the remote's default
// branch as last fetched (refs/remotes/<remote>/HEAD, then main, then
// master). "" leaves the scan without repository settings (defaults), with
// a warning when the push carries some.
func (rn *Runner) trustedRev(t Target, res Resolver) (string, error) {
	if len(t.Exclude) > 0 {
		return t.Exclude[0], nil
	}
	remote := rn.Remote
	if remote == "" {
		remote = rn.getenv()("PRE_COMMIT_REMOTE_NAME")
	}
	if remote == "" || strings.ContainsAny(remote, ":\\") || strings.Contains(remote, "..") {
		return "", nil // a URL, not a remote with tracking refs
	}
	for _, b := range []string{"HEAD", "main", "master"} {
		h, ok, err := res.PeelCommit("refs/remotes/" + remote + "/" + b)
		if err != nil {
			return "", err
		}
		if ok {
			return h, nil
		}
	}
	return "", nil
}

func (rn *Runner) scan(ctx context.Context, opts scanner.Options) (*finding.Result, error) {
	if rn.Scan != nil {
		return rn.Scan(ctx, opts)
	}
	return scanner.Scan(ctx, opts)
}

func (rn *Runner) getenv() func(string) string {
	if rn.Getenv != nil {
		return rn.Getenv
	}
	return os.Getenv
}
