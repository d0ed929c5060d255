package hook

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/secretsweep/secretsweep/internal/finding"

	"github.com/secretsweep/secretsweep/scanner"
)

// ScanFunc runs one scan; scanner.Scan in production.
type ScanFunc func(ctx context.Context, opts scanner.Options) (*finding.Result, error)

// Runner scans what a hook guards. The repository's config
// (.secretsweep.toml / .gitleaks.toml), .gitleaksignore and baseline apply.
type Runner struct {
	// Dir is where the hook runs (git runs hooks at the working tree root);
	// "" means ".".
	Dir string
	// ConfigPath overrides the config found at the repository root.
	ConfigPath string
	// BaselinePath is a previous JSON report whose findings are not reported
	// again; "" means <root>/.secretsweep-baseline.json when it exists.
	BaselinePath string
	// Scan runs scans; nil means scanner.Scan.
	Scan ScanFunc
	// Getenv reads PRE_COMMIT_* variables; nil means os.Getenv.
	Getenv func(string) string
}

// Outcome is what a hook run found. Findings are always redacted.
type Outcome struct {
	Findings []finding.Finding
	Commits  int      // commits scanned
	Warnings []string // scanner warnings, one line each
	withheld []string // secrets of ignored or baselined findings
}

// PrePush scans the commits that updates push. With no updates it falls
// back to the PRE_COMMIT_* variables the pre-commit framework sets for its
// pre-push stage (the framework reads git's input itself).
func (rn *Runner) PrePush(ctx context.Context, updates []Update) (*Outcome, error) {
	root, err := rn.root()
	if err != nil {
		return nil, err
	}
	res, err := OpenResolver(root)
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
	for _, t := range targets {
		opts := rn.options(root, scanner.ModeRange)
		opts.Include, opts.Exclude, opts.ExcludeRemotes = t.Include, t.Exclude, t.ExcludeRemotes
		r, err := rn.scan(ctx, opts)
		if err != nil {
			return nil, err
		}
		out.add(r, seen)
	}
	out.redact()
	return out, nil
}

// PreCommit scans the changes staged for the next commit: the index git
// names in GIT_INDEX_FILE (as for "git commit -a"), else the repository's.
func (rn *Runner) PreCommit(ctx context.Context) (*Outcome, error) {
	root, err := rn.root()
	if err != nil {
		return nil, err
	}
	opts := rn.options(root, scanner.ModeStaged)
	repo, err := FindRepo(root)
	if err != nil {
		return nil, err
	}
	if index, ok := usesOtherIndex(repo, rn.getenv()("GIT_INDEX_FILE")); ok {
		dir, cleanup, err := indexOverlay(repo, index)
		if err != nil {
			return nil, err
		}
		defer cleanup()
		// Settings are still read from the real root.
		opts.Path = dir
		if opts.ConfigPath == "" {
			for _, name := range configNames {
				if p := rootFile(root, name); p != "" {
					opts.ConfigPath = p
					break
				}
			}
		}
		opts.IgnorePath = rootFile(root, ".gitleaksignore")
	}
	r, err := rn.scan(ctx, opts)
	if err != nil {
		return nil, err
	}
	out := &Outcome{}
	out.add(r, map[string]bool{})
	out.redact()
	return out, nil
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
	for _, f := range r.Findings {
		key := f.Fingerprint
		if key == "" {
			key = fmt.Sprintf("%s:%s:%s:%d:%s", f.Commit, f.File, f.RuleID, f.StartLine, f.SecretSHA256)
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

func (rn *Runner) root() (string, error) {
	dir := rn.Dir
	if dir == "" {
		dir = "."
	}
	repo, err := FindRepo(dir)
	if err != nil {
		return "", err
	}
	if repo.Root == "" {
		return repo.GitDir, nil
	}
	return repo.Root, nil
}

func (rn *Runner) options(root string, mode scanner.Mode) scanner.Options {
	baseline := rn.BaselinePath
	if baseline == "" {
		p := filepath.Join(root, BaselineFile)
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			baseline = p
		}
	}
	return scanner.Options{Path: root, Mode: mode, ConfigPath: rn.ConfigPath, BaselinePath: baseline}
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
