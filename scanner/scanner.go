// Package scanner finds secrets in a working tree, in git history, in a
// commit range or in staged changes. All git access is in process through
// go-git.
package scanner

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"time"
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

// DefaultMaxFindingsPerFile caps the findings of one file (or blob change):
// past it, the rest of the file is not scanned and a warning says so.
const DefaultMaxFindingsPerFile = 1000

// Options configure a scan.
type Options struct {
	// Path is the directory (or repository) to scan; default ".".
	Path string
	Mode Mode
	// Range is "BASE..HEAD" (commits reachable from HEAD but not BASE), or a
	// single revision meaning every commit reachable from it. Used by ModeRange.
	Range string
	// Include and Exclude are an alternative to Range for ModeRange:
	// commits reachable from any Include revision and from no Exclude one.
	Include, Exclude []string
	// ExcludeRemotes also excludes commits reachable from any
	// remote-tracking ref (refs/remotes/*), as for a newly pushed branch.
	ExcludeRemotes bool
	// ConfigPath is a gitleaks-format TOML file; empty means look for
	// .secretsweep.toml or .gitleaks.toml at the root, else defaults.
	ConfigPath string
	// BaselinePath is a previous JSON report whose findings are not reported again.
	BaselinePath string
	// IgnorePath is a .gitleaksignore file; empty means <root>/.gitleaksignore.
	IgnorePath string
	// MaxFileSize in bytes; 0 means DefaultMaxFileSize, negative no limit.
	MaxFileSize int64
	// MaxFindingsPerFile caps the findings of one file or blob change; 0
	// means DefaultMaxFindingsPerFile, negative no limit.
	MaxFindingsPerFile int
	// MaxDecodeDepth bounds recursive decoding (base64, hex, percent); 0 disables.
	MaxDecodeDepth int
	// Workers is the parallelism; 0 means GOMAXPROCS.
	Workers int
	// FollowSymlinks scans symlinked files that stay inside the tree.
	FollowSymlinks bool
	// NoWindows disables keyword windowing (benchmarks compare both).
	NoWindows bool
	// Progress, when set, receives occasional one-line progress updates.
	Progress io.Writer
	// Now is the clock (tests); nil means time.Now.
	Now func() time.Time
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
// before output) with baseline and ignore filters applied.
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
	if err != nil {
		return nil, err
	}
	res.Findings = s.filter(res.Findings)
	res.Stats.Warnings = collapseWarnings(res.Stats.Warnings)
	sortFindings(res.Findings)
	res.Stats.Mode = string(opts.Mode)
	res.Stats.Bytes = s.engine.Bytes()
	res.Stats.Duration = opts.Now().Sub(start)
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
