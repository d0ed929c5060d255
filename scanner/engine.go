package scanner

import (
	"context"
	"strings"
	"sync/atomic"

	ahocorasick "github.com/BobuSumisu/aho-corasick"
	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/detect"
)

// CommitInfo describes the commit that introduced a fragment.
type CommitInfo struct {
	SHA     string
	Author  string
	Email   string
	Date    string // RFC 3339, UTC
	Message string
}

// Fragment is a piece of text to scan: a whole file, or the lines a commit
// added to one.
type Fragment struct {
	Path string
	Text string
	// StartLine is the 1-based line number of Text's first line.
	StartLine   int
	SymlinkFile string
	Commit      *CommitInfo
}

// Engine finds secrets in fragments. It is safe for concurrent use. The
// gitleaks-backed engine is the only implementation today; the interface
// keeps a successor engine a drop-in replacement.
type Engine interface {
	Scan(ctx context.Context, frag Fragment) []Finding
	// ScanPath applies rules that match on a file's path alone (such as
	// key store files); call it once per file, binary files included.
	ScanPath(ctx context.Context, path string) []Finding
	// Bytes returns how many bytes of fragments were scanned so far.
	Bytes() int64
}

// maxWindowNewlines is the widest newline span for which a rule runs in
// windows around its keyword hits instead of over whole fragments.
const maxWindowNewlines = 16

// gitleaksEngine wraps gitleaks' detector. Measurement showed that the
// detector spends its time running rule regexes over whole fragments (the
// generic rule's keywords, "key", "token", "secret"..., hit almost every
// source file). So rules whose matches span a bounded number of lines and
// contain a keyword are given only windows of lines around their keyword
// hits (plus lines holding decodable segments, for gitleaks' decoding pass);
// other rules (multi-line, keyword-less, composite) see the whole fragment
// when one of their keywords occurs.
type gitleaksEngine struct {
	win, full *detect.Detector
	// fullDec is full with decoding, run only on lines with encoded text;
	// paths holds path-only rules (no regex), run once per file.
	fullDec, paths *detect.Detector
	trie           *ahocorasick.Trie
	kws            []string // trie pattern number -> keyword
	// per keyword: the window radius for windowed rules (-1 if none), and
	// whether a full rule uses it.
	radius   map[string]int
	fullKW   map[string]bool
	fullAll  bool // some full rule has no keywords: always run it
	bytes    atomic.Int64
	disabled bool // no windowing: scan whole fragments with one detector (for comparison)
}

// EngineOptions tune the engine.
type EngineOptions struct {
	MaxDecodeDepth int
	// NoWindows runs every rule over whole fragments, as gitleaks does.
	NoWindows bool
}

// NewEngine builds the gitleaks-backed engine for cfg.
func NewEngine(cfg config.Config, opts EngineOptions) Engine {
	winCfg, fullCfg, pathCfg := splitConfig(cfg)
	if opts.NoWindows {
		winCfg, fullCfg = subset(cfg, nil), subset(cfg, append(ruleIDs(winCfg), ruleIDs(fullCfg)...))
	}
	noDecode := opts
	noDecode.MaxDecodeDepth = 0
	e := &gitleaksEngine{
		win:      newDetector(winCfg, opts),
		full:     newDetector(fullCfg, noDecode),
		fullDec:  newDetector(fullCfg, opts),
		paths:    newDetector(pathCfg, noDecode),
		radius:   map[string]int{},
		fullKW:   map[string]bool{},
		disabled: opts.NoWindows,
	}
	var kws []string
	for _, r := range winCfg.Rules {
		k := maxNewlines(r.Regex.String())
		for _, kw := range r.Keywords {
			kw = strings.ToLower(kw)
			if old, ok := e.radius[kw]; !ok || k > old {
				e.radius[kw] = k
			}
			kws = append(kws, kw)
		}
	}
	for _, r := range fullCfg.Rules {
		if len(r.Keywords) == 0 {
			e.fullAll = true
		}
		for _, kw := range r.Keywords {
			kw = strings.ToLower(kw)
			e.fullKW[kw] = true
			if _, ok := e.radius[kw]; !ok {
				e.radius[kw] = -1
			}
			kws = append(kws, kw)
		}
	}
	seen := map[string]bool{}
	for _, kw := range kws {
		if !seen[kw] {
			seen[kw] = true
			e.kws = append(e.kws, kw)
		}
	}
	e.trie = ahocorasick.NewTrieBuilder().AddStrings(e.kws).Build()
	return e
}

func newDetector(cfg config.Config, opts EngineOptions) *detect.Detector {
	d := detect.NewDetector(cfg)
	d.MaxDecodeDepth = opts.MaxDecodeDepth
	return d
}

func ruleIDs(cfg config.Config) []string {
	ids := make([]string, 0, len(cfg.Rules))
	for id := range cfg.Rules {
		ids = append(ids, id)
	}
	return ids
}

// splitConfig divides the rules into windowed, full and path-only sets.
func splitConfig(cfg config.Config) (win, full, paths config.Config) {
	var winIDs, fullIDs, pathIDs []string
	required := map[string]bool{}
	for _, r := range cfg.Rules {
		for _, rr := range r.RequiredRules {
			required[rr.RuleID] = true
		}
	}
	for id, r := range cfg.Rules {
		k := -1
		if r.Regex != nil {
			k = maxNewlines(r.Regex.String())
		}
		if r.Regex == nil {
			pathIDs = append(pathIDs, id)
			continue
		}
		if len(r.Keywords) == 0 || len(r.RequiredRules) > 0 || required[id] ||
			r.SkipReport || k < 0 || k > maxWindowNewlines {
			fullIDs = append(fullIDs, id)
		} else {
			winIDs = append(winIDs, id)
		}
	}
	return subset(cfg, winIDs), subset(cfg, fullIDs), subset(cfg, pathIDs)
}

func subset(cfg config.Config, ids []string) config.Config {
	out := cfg
	out.Rules = map[string]config.Rule{}
	out.Keywords = map[string]struct{}{}
	out.OrderedRules = nil
	for _, id := range ids {
		r := cfg.Rules[id]
		out.Rules[id] = r
		out.OrderedRules = append(out.OrderedRules, id)
		for _, k := range r.Keywords {
			out.Keywords[strings.ToLower(k)] = struct{}{}
		}
	}
	return out
}

func (e *gitleaksEngine) Bytes() int64 { return e.bytes.Load() }

func (e *gitleaksEngine) ScanPath(ctx context.Context, path string) []Finding {
	if len(e.paths.Config.Rules) == 0 {
		return nil
	}
	return e.detect(ctx, e.paths, Fragment{Path: path, StartLine: 1}, "", 0)
}

func (e *gitleaksEngine) Scan(ctx context.Context, frag Fragment) []Finding {
	e.bytes.Add(int64(len(frag.Text)))
	if e.disabled {
		return e.detect(ctx, e.fullDec, frag, frag.Text, 0)
	}
	lower := asciiLower(frag.Text)
	var (
		li      *lineIndex
		wins    []window
		runFull = e.fullAll
	)
	index := func() *lineIndex {
		if li == nil {
			li = newLineIndex(frag.Text)
		}
		return li
	}
	e.trie.Walk(lower, func(end, n, pattern int64) bool {
		kw := e.kws[pattern]
		if e.fullKW[kw] {
			runFull = true
		}
		r := e.radius[kw]
		if r < 0 {
			return true
		}
		ix := index()
		a, b := ix.line(int(end-n))-r, ix.line(int(end-1))+r
		wins = append(wins, window{max(a, 0), b})
		return true
	})
	var decodeWins []window
	if e.win.MaxDecodeDepth > 0 {
		last := -1
		decodeHints(frag.Text, func(p int) {
			l := index().line(p)
			if l != last {
				decodeWins = append(decodeWins, window{l, l})
				last = l
			}
		})
	}
	if len(wins) == 0 && len(decodeWins) == 0 && !runFull {
		return nil
	}
	var out []Finding
	if len(wins)+len(decodeWins) > 0 {
		ix := index()
		n := ix.lines()
		for _, w := range mergeWindows(append(wins, decodeWins...)) {
			if w.b >= n {
				w.b = n - 1
			}
			if w.a > w.b {
				continue
			}
			s, t := ix.span(w.a, w.b)
			out = append(out, e.detect(ctx, e.win, frag, frag.Text[s:t], w.a)...)
		}
	}
	switch {
	case runFull:
		out = append(out, e.detect(ctx, e.full, frag, frag.Text, 0)...)
	}
	// Whole-fragment runs skip decoding (the costly part); lines holding
	// encoded text get the full rules with decoding here.
	if len(decodeWins) > 0 && len(e.full.Config.Rules) > 0 {
		ix := index()
		for _, w := range mergeWindows(decodeWins) {
			s, t := ix.span(w.a, w.b)
			out = append(out, e.detect(ctx, e.fullDec, frag, frag.Text[s:t], w.a)...)
		}
		out = dedup(out)
	}
	return out
}

// dedup drops repeated findings (the same rule, place and secret found by
// two overlapping passes).
func dedup(fs []Finding) []Finding {
	type key struct {
		rule, secret string
		line, col    int
	}
	seen := make(map[key]bool, len(fs))
	out := fs[:0]
	for _, f := range fs {
		k := key{f.RuleID, f.Secret, f.StartLine, f.StartColumn}
		if !seen[k] {
			seen[k] = true
			out = append(out, f)
		}
	}
	return out
}

// detect runs d over text, which starts at 0-based line off of frag.
func (e *gitleaksEngine) detect(ctx context.Context, d *detect.Detector, frag Fragment, text string, off int) []Finding {
	f := detect.Fragment{
		Raw:         text,
		FilePath:    frag.Path,
		SymlinkFile: frag.SymlinkFile,
		StartLine:   frag.StartLine + off,
	}
	if frag.Commit != nil {
		f.CommitSHA = frag.Commit.SHA
	}
	found := d.DetectContext(ctx, f)
	out := make([]Finding, 0, len(found))
	first := frag.StartLine + off
	for _, g := range found {
		// gitleaks counts columns on lines after a fragment's first from the
		// preceding newline, one too many; windows start at a line start.
		if g.StartLine != first && g.StartColumn > 1 {
			g.StartColumn--
		}
		if g.EndLine != first && g.EndColumn > 1 {
			g.EndColumn--
		}
		out = append(out, fromGitleaks(g, frag))
	}
	return out
}

// asciiLower lower-cases ASCII letters, keeping byte offsets intact.
func asciiLower(s string) []byte {
	b := make([]byte, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return b
}
