// Package scanner finds secrets in a working tree, in git history, in a
// commit range or in staged changes. All git access is in process through
// go-git.
//
// Scan is the one entry point. Each mode has its source: dir.go,
// history.go, range.go and staged.go (commitmsg.go scans commit messages),
// over shared git plumbing in git_*.go; session.go and trust.go load the
// settings and filter findings. Detection is scanner/engine's.
package scanner

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"time"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// Mode selects what a scan covers.
type Mode string

// Scan modes.
const (
	ModeDir     Mode = "dir"     // files of a working tree
	ModeHistory Mode = "history" // every commit reachable from any ref
	ModeRange   Mode = "range"   // commits in a revision range
	ModeStaged  Mode = "staged"  // what is staged for the next commit
)

// DefaultMaxFileSize is the size above which files and blobs are skipped.
const DefaultMaxFileSize = 25 << 20

// DefaultMaxDecodeDepth is the decoding depth the commands use unless told
// otherwise (--max-decode-depth). In every Options, 0 means no decoding.
const DefaultMaxDecodeDepth = 5

// DefaultMaxFindingsPerFile caps the findings of one file (or blob change):
// past it, the rest of the file is not scanned and a warning says so.
const DefaultMaxFindingsPerFile = 1000

// Options configure a scan.
type Options struct {
	// Path is the directory (or repository) to scan; default ".".
	Path string
	Mode Mode
	// Range is a revision range as git log reads it: "BASE..TIP" (commits
	// reachable from TIP but not BASE; an empty side means HEAD) or a single
	// revision X (every commit reachable from X). Used by ModeRange.
	Range string
	// Include and Exclude are an alternative to Range for ModeRange:
	// commits reachable from any Include revision and from no Exclude one.
	Include, Exclude []string
	// ExcludeRemotes also excludes commits reachable from any
	// remote-tracking ref (refs/remotes/*), as for a newly pushed branch.
	ExcludeRemotes bool
	// GitDir is the git directory the git modes read, for a caller that
	// knows it (a hook's GIT_DIR); Path is then the work tree. Empty: the
	// repository containing Path.
	GitDir string
	// IndexPath is the index file ModeStaged reads instead of the
	// repository's own: the temporary index git names in GIT_INDEX_FILE
	// while "git commit -a" or "git commit PATHS" runs the pre-commit hook.
	IndexPath string
	// ConfigPath is a gitleaks-format TOML file; empty means look for
	// .secretsweep.toml or .gitleaks.toml at the root (of ConfigRev's tree
	// when one applies), else defaults. An explicit path always wins.
	ConfigPath string
	// BaselinePath is a previous JSON report whose findings are not reported again.
	BaselinePath string
	// BaselineName, when BaselinePath is empty, is a baseline file looked up
	// at the root (of ConfigRev's tree when one applies); "" means none.
	// The hooks use ".secretsweep-baseline.json".
	BaselineName string
	// IgnorePath is a .gitleaksignore file; empty means .gitleaksignore at
	// the root (of ConfigRev's tree when one applies).
	IgnorePath string
	// ConfigRev is the trusted revision that the settings not given as
	// explicit paths are read from: the config at its root and whatever
	// that [extend]s (which must be in the same tree), .gitleaksignore and
	// BaselineName. The working tree is then not read for them, and the
	// scan warns (Stats.Warnings) when the changes under scan modify one.
	// Empty means: in ModeRange the base, i.e. the first Exclude revision,
	// else BASE of Range (no repository settings at all when the range has
	// none); in ModeStaged HEAD (none before the first commit); in the
	// other modes the working tree. The code under scan must not steer its
	// own scan: a pull request adding its fingerprint to .gitleaksignore is
	// scanned with the base branch's file.
	ConfigRev string
	// MaxFileSize in bytes; 0 means DefaultMaxFileSize, negative no limit.
	MaxFileSize int64
	// MaxFindingsPerFile caps the findings of one file or blob change; 0
	// means DefaultMaxFindingsPerFile, negative no limit.
	MaxFindingsPerFile int
	// MaxDecodeDepth bounds recursive decoding (base64, hex, percent); 0 disables.
	MaxDecodeDepth int
	// Workers is the parallelism; 0 means GOMAXPROCS.
	Workers int
	// AllowMissing turns content that is absent rather than damaged into
	// counted warnings: git objects missing from a shallow, partial or
	// otherwise incomplete clone, and files a directory walk cannot read.
	// Without it they make the scan incomplete (an IncompleteError).
	// Corrupt git objects, refs that cannot be read and a file named as
	// Path that cannot be read are errors either way.
	AllowMissing bool
	// FollowSymlinks scans symlinked files that stay inside the tree.
	FollowSymlinks bool
	// NoWindows disables keyword windowing (benchmarks compare both).
	NoWindows bool
	// Progress, when set, receives occasional one-line progress updates.
	Progress io.Writer
	// Counters, when set, are kept up to date by git scans (history and
	// range) for a live display: see Counters.
	Counters *Counters
	// Now is the clock (tests); nil means time.Now.
	Now func() time.Time
	// MinConfidence is the lowest confidence reported (scanner/confidence
	// scores every finding); findings below it are counted in
	// Stats.BelowConfidence and not returned. Empty means the config's
	// [scan] minConfidence, else finding.DefaultMinConfidence (medium).
	MinConfidence finding.Confidence
	// Hasher computes the keyed hash of each finding's secret (SecretHash)
	// and matches the baseline; the zero Hasher leaves SecretHash empty.
	Hasher finding.Hasher
}

// ErrNotRepository is returned by git modes for a path that is not a repository.
var ErrNotRepository = errors.New("not a git repository")

func (o *Options) defaults() {
	if o.Path == "" {
		o.Path = "."
	}
	if o.Mode == "" {
		o.Mode = ModeDir
	}
	if o.MaxFileSize == 0 {
		o.MaxFileSize = DefaultMaxFileSize
	}
	if o.MaxFindingsPerFile == 0 {
		o.MaxFindingsPerFile = DefaultMaxFindingsPerFile
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
}

// Scan runs a scan and returns its findings (unredacted: callers redact
// before output) with baseline and ignore filters applied. When content
// it was asked to cover could not be read, it returns the Result of what
// it read together with an *IncompleteError (see ErrIncomplete): callers
// report those findings and still fail.
func Scan(ctx context.Context, opts Options) (*Result, error) {
	opts.defaults()
	start := opts.Now()
	s, err := newSession(opts)
	if err != nil {
		return nil, err
	}
	var res *Result
	switch opts.Mode {
	case ModeDir:
		res, err = s.scanDir(ctx)
	case ModeHistory, ModeRange, ModeStaged:
		res, err = s.scanGit(ctx)
	default:
		return nil, fmt.Errorf("unknown scan mode %q", opts.Mode)
	}
	var incomplete *IncompleteError
	if err != nil && (!errors.As(err, &incomplete) || res == nil) {
		return nil, err
	}
	res.Stats.Warnings = append(s.warnings, res.Stats.Warnings...)
	// Score before filtering; the threshold applies after the ignore file
	// and the baseline, so what it hides is what would otherwise be new.
	Scorer().Apply(res.Findings)
	res.Findings, res.Withheld = s.filter(res.Findings)
	filterConfidence(res, s.minConf)
	res.Stats.Warnings = collapseWarnings(res.Stats.Warnings)
	sortFindings(res.Findings)
	res.Stats.Mode = string(opts.Mode)
	res.Stats.Bytes = s.engine.Bytes()
	res.Stats.Duration = opts.Now().Sub(start)
	if incomplete != nil {
		return res, incomplete
	}
	return res, nil
}

// collapseWarnings merges repeated warnings (a file over the findings cap in
// many commits) into one line with a count, keeping first-seen order.
func collapseWarnings(ws []string) []string {
	if len(ws) < 2 {
		return ws
	}
	count := make(map[string]int, len(ws))
	var out []string
	for _, w := range ws {
		if count[w] == 0 {
			out = append(out, w)
		}
		count[w]++
	}
	for i, w := range out {
		if n := count[w]; n > 1 {
			out[i] = fmt.Sprintf("%s (%d times)", w, n)
		}
	}
	return out
}
