// Package engine finds secrets in text: it runs gitleaks-format rules as
// gitleaks' detector does, with RE2 in every build (matcher.go; rules run
// in windows around their keywords, long lines cut into bounded pieces,
// generic findings giving way to specific ones) and loads the detection
// config. It knows nothing of where text comes from: the
// scanner's sources (working tree, history, range, staged changes) and
// scanner/ghlogs hand it Fragments.
package engine

import (
	"context"
	"slices"
	"sort"
	"strings"
	"sync/atomic"

	ahocorasick "github.com/BobuSumisu/aho-corasick"
	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/secretsweep/secretsweep/rules"
	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/detect"
	"github.com/zricethezav/gitleaks/v8/regexp"
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
	// Focus, when set, marks the lines of Text (0-based) that matter: rules
	// are only triggered by keywords and encoded text on those lines, and
	// the other lines serve as context for matches that span lines.
	Focus []bool
}

// focused reports whether 0-based line l of the fragment is in focus.
func (f *Fragment) focused(l int) bool { return f.Focus == nil || (l < len(f.Focus) && f.Focus[l]) }

// Engine finds secrets in fragments. It is safe for concurrent use. The
// gitleaks-backed engine is the only implementation today; the interface
// keeps a successor engine a drop-in replacement.
type Engine interface {
	Scan(ctx context.Context, frag Fragment) []finding.Finding
	// ScanLimit is Scan stopping once the fragment has given more than
	// limit findings (limit <= 0: no limit): it then returns the limit
	// findings that come first in the text, and true.
	ScanLimit(ctx context.Context, frag Fragment, limit int) ([]finding.Finding, bool)
	// ScanPath applies rules that match on a file's path alone (such as
	// key store files); call it once per file, binary files included.
	ScanPath(ctx context.Context, path string) []finding.Finding
	// Multiline reports whether text holds a keyword of a rule whose
	// matches can span many lines (such as private keys).
	Multiline(text string) bool
	// Parses reports whether a credential-file parser (rules/parse) reads
	// files at path. A parser needs the whole file: give Scan the whole
	// file, with Focus marking the lines that matter.
	Parses(path string) bool
	// Bytes returns how many bytes of fragments were scanned so far.
	Bytes() int64
}

// maxWindowNewlines is the widest newline span for which a rule runs in
// windows around its keyword hits instead of over whole fragments.
const maxWindowNewlines = 16

// windowGroupBounds split windowed rules by how many lines their matches
// can span: rules in a group share window sizes, so a rule whose matches
// sit on one line is not run over the 19-line windows that gitleaks'
// generic rule needs around every "key" or "token".
var windowGroupBounds = []int{0, 3, maxWindowNewlines}

// gitleaksEngine wraps gitleaks' detector. Profiles showed the detector
// spends its time running rule regexes over whole fragments (the generic
// rules' keywords, "key", "token", "secret"..., hit almost every source
// file). So rules whose matches span a bounded number of lines and contain
// a keyword run only in windows of lines around their keyword hits; lines
// holding encoded text (base64, hex, percent) go through a detector with
// decoding; rules that can span many lines (private keys) or have no
// keyword see the whole fragment when one of their keywords occurs (and
// their path filter admits the file); path-only rules run once per file.
type gitleaksEngine struct {
	groups   []detector       // windowed rules by span, no decoding (matcher.go)
	full     detector         // unbounded rules on whole fragments, no decoding
	decoders []detector       // content rules (gitleaks', ours), with decoding, on encoded lines
	paths    *detect.Detector // path-only rules
	whole    *detect.Detector // NoWindows: every content rule on whole fragments
	trie     *ahocorasick.Trie
	// per trie pattern: the windows it opens, and the path filters of the
	// whole-fragment rules it triggers (nil entry: any path).
	opens     [][]groupRadius
	fullPaths [][]*regexp.Regexp
	fullAll   bool // a whole-fragment rule has no keyword: always run it
	decode    bool
	// stop words of generic rules, checked after detection (stopwords.go)
	stop map[string]*stopWords
	// checks secretsweep's rules run on their findings (rules.Checks)
	checks map[string]func(match, secret string) bool
	hasher finding.Hasher
	bytes  atomic.Int64
	lim    limits   // bounds.go
	parse  *parsers // credential-file parsers (parsers.go); nil: none
}

type groupRadius struct{ group, radius int }

// Options tune the engine.
type Options struct {
	MaxDecodeDepth int
	// NoWindows runs every rule over whole fragments, as gitleaks does.
	NoWindows bool
	// Hasher sets each finding's SecretHash; the zero Hasher leaves it empty.
	Hasher finding.Hasher
}

// New builds the gitleaks-backed engine for cfg.
func New(cfg config.Config, opts Options) Engine {
	cfg, stop := takeStopWords(cfg, requiredRules(cfg))
	groupCfgs, fullCfg, pathCfg, spans := splitConfig(cfg)
	noDecode := opts
	noDecode.MaxDecodeDepth = 0
	content := subset(cfg, append(ruleIDsOf(groupCfgs...), ruleIDs(fullCfg)...))
	e := &gitleaksEngine{
		paths:  newGitleaks(pathCfg, noDecode),
		decode: opts.MaxDecodeDepth > 0,
		stop:   stop,
		checks: rules.Checks(),
		hasher: opts.Hasher,
		lim:    defaultLimits,
		parse:  newParsers(cfg, opts.Hasher),
	}
	if opts.NoWindows {
		e.whole = newGitleaks(content, opts)
		return e
	}
	e.full = newDetector(fullCfg, noDecode)
	var theirs, ours []string
	for id, r := range content.Rules {
		if slices.Contains(r.Tags, "secretsweep") {
			ours = append(ours, id)
		} else {
			theirs = append(theirs, id)
		}
	}
	e.decoders = []detector{newDetector(subset(cfg, theirs), opts), newDetector(subset(cfg, ours), opts)}
	index := map[string]int{}
	pattern := func(kw string) int {
		kw = strings.ToLower(kw)
		i, ok := index[kw]
		if !ok {
			i = len(index)
			index[kw] = i
			e.opens = append(e.opens, nil)
			e.fullPaths = append(e.fullPaths, nil)
		}
		return i
	}
	for g, gc := range groupCfgs {
		e.groups = append(e.groups, newDetector(gc, noDecode))
		for id, r := range gc.Rules {
			k := spans[id]
			for _, kw := range r.Keywords {
				p := pattern(kw)
				e.opens[p] = widen(e.opens[p], g, k)
			}
		}
	}
	for _, r := range fullCfg.Rules {
		if len(r.Keywords) == 0 {
			e.fullAll = true
		}
		for _, kw := range r.Keywords {
			p := pattern(kw)
			e.fullPaths[p] = append(e.fullPaths[p], r.Path)
		}
	}
	kws := make([]string, len(index))
	for kw, i := range index {
		kws[i] = kw
	}
	e.trie = ahocorasick.NewTrieBuilder().AddStrings(kws).Build()
	return e
}

// widen records that a keyword opens windows of at least radius k in group g.
func widen(opens []groupRadius, g, k int) []groupRadius {
	for i := range opens {
		if opens[i].group == g {
			opens[i].radius = max(opens[i].radius, k)
			return opens
		}
	}
	return append(opens, groupRadius{g, k})
}

func (e *gitleaksEngine) Bytes() int64 { return e.bytes.Load() }

func (e *gitleaksEngine) Multiline(text string) bool {
	if e.whole != nil || e.fullAll {
		return true
	}
	found := false
	e.trie.Walk(asciiLower(text), func(_, _, p int64) bool {
		found = len(e.fullPaths[p]) > 0
		return !found
	})
	return found
}

func (e *gitleaksEngine) Parses(path string) bool { return e.parse.matches(path) }

func (e *gitleaksEngine) ScanPath(ctx context.Context, path string) []finding.Finding {
	found := e.parse.scanPath(path)
	if len(e.paths.Config.Rules) == 0 {
		return found
	}
	frag := Fragment{Path: path, StartLine: 1}
	return append(found, e.detect(ctx, e.paths, frag, newLineIndex(""), piece{}, nil)...)
}

func (e *gitleaksEngine) Scan(ctx context.Context, frag Fragment) []finding.Finding {
	found, _ := e.ScanLimit(ctx, frag, 0)
	return found
}

// job is one detector call: a detector and the piece it scans.
type job struct {
	d detector
	p piece
}

func (e *gitleaksEngine) ScanLimit(ctx context.Context, frag Fragment, limit int) ([]finding.Finding, bool) {
	e.bytes.Add(int64(len(frag.Text)))
	if isNotebook(frag.Path) {
		frag.Text = notebookText(frag.Text) // the cells' code as written, line for line
	}
	var li *lineIndex
	index := func() *lineIndex {
		if li == nil {
			li = newLineIndex(frag.Text)
		}
		return li
	}
	var jobs []job
	parsed := e.parse.scan(frag, e.lim.quote)
	addJobs := func(d detector, s, t int, r reach) {
		for _, p := range e.lim.pieces(index(), s, t, r) {
			jobs = append(jobs, job{d, p})
		}
	}
	if e.whole != nil {
		addJobs(e.whole, 0, len(frag.Text), fullReach)
		return e.run(ctx, frag, index, jobs, parsed, limit)
	}
	var (
		wins    = make([][]window, len(e.groups))
		decWins []window
		runFull = e.fullAll
	)
	e.trie.Walk(asciiLower(frag.Text), func(end, n, p int64) bool {
		if frag.Focus != nil && !frag.focused(index().line(int(end-n))) {
			return true
		}
		for _, o := range e.opens[p] {
			ix := index()
			a, b := ix.line(int(end-n))-o.radius, ix.line(int(end-1))+o.radius
			wins[o.group] = addWindow(wins[o.group], window{max(a, 0), b})
		}
		if !runFull && len(e.fullPaths[p]) > 0 && pathAllows(e.fullPaths[p], frag.Path) {
			runFull = true
		}
		return true
	})
	if e.decode {
		last := -1
		decodeHints(frag.Text, func(p int) {
			if l := index().line(p); l != last && frag.focused(l) {
				decWins = append(decWins, window{l, l})
				last = l
			}
		})
	}
	addWindows := func(d detector, ws []window, r reach) {
		if len(ws) == 0 {
			return
		}
		ix := index()
		n := ix.lines()
		for _, w := range mergeWindows(ws) {
			w.b = min(w.b, n-1)
			if w.a > w.b {
				continue
			}
			s, t := ix.span(w.a, w.b)
			addJobs(d, s, t, r)
		}
	}
	for g, ws := range wins {
		addWindows(e.groups[g], ws, e.reach(g))
	}
	if runFull {
		addJobs(e.full, 0, len(frag.Text), fullReach)
	}
	for _, d := range e.decoders {
		addWindows(d, decWins, decodeReach)
	}
	return e.run(ctx, frag, index, jobs, parsed, limit)
}

// reach returns the context window group g's pieces need.
func (e *gitleaksEngine) reach(g int) reach {
	return groupReach(windowGroupBounds[g%len(windowGroupBounds)])
}

// addWindow appends w to ws, merging it into the last window when they
// overlap or touch: keyword hits come in text order, so the thousands of
// hits of one line make one window, not thousands.
func addWindow(ws []window, w window) []window {
	if n := len(ws); n > 0 {
		last := &ws[n-1]
		if w.a <= last.b+1 && w.b+1 >= last.a {
			last.a, last.b = min(last.a, w.a), max(last.b, w.b)
			return ws
		}
	}
	return append(ws, w)
}

// run runs the jobs in text order and applies the fragment-wide filters to
// their findings and the parsers' (parsed). With a limit, it stops once
// more than limit findings survive them.
func (e *gitleaksEngine) run(ctx context.Context, frag Fragment, index func() *lineIndex, jobs []job, parsed []finding.Finding, limit int) ([]finding.Finding, bool) {
	sort.SliceStable(jobs, func(i, j int) bool { return jobs[i].p.core0 < jobs[j].p.core0 })
	out := parsed
	budget := e.lim.escalations
	truncated := false
	for _, j := range jobs {
		if ctx.Err() != nil {
			break
		}
		out = append(out, e.detectPiece(ctx, j, frag, index(), &budget)...)
		if limit > 0 && len(out) > limit {
			// The decoders re-find raw matches, and generic rules give
			// way to specific ones: count what will be reported.
			if out = mergeParsed(preferSpecific(dedup(out))); len(out) > limit {
				truncated = true
				break
			}
		}
	}
	out = mergeParsed(preferSpecific(dedup(out)))
	if truncated {
		sort.SliceStable(out, func(i, j int) bool {
			a, b := &out[i], &out[j]
			if a.StartLine != b.StartLine {
				return a.StartLine < b.StartLine
			}
			return a.StartColumn < b.StartColumn
		})
		out = out[:limit]
	}
	return out, truncated
}

// detectPiece runs a job; when a finding of a cut piece reaches the end of
// its context, and the span goes on, the piece is scanned once more with
// escalateBy more bytes (while the fragment's budget lasts).
func (e *gitleaksEngine) detectPiece(ctx context.Context, j job, frag Fragment, ix *lineIndex, budget *int) []finding.Finding {
	var ends []int
	found := e.detect(ctx, j.d, frag, ix, j.p, &ends)
	if !j.p.split || j.p.end >= j.p.limit || *budget <= 0 {
		return found
	}
	for _, end := range ends {
		if end >= j.p.end {
			*budget--
			p := j.p
			p.end = runeStartBefore(ix.text, min(p.limit, p.end+e.lim.escalate), p.end)
			return e.detect(ctx, j.d, frag, ix, p, nil)
		}
	}
	return found
}

// detect runs d over piece p of frag's text (ix indexes that text) and
// converts the findings that start in the piece's core. When ends is not
// nil, it receives the end offset of each finding kept.
func (e *gitleaksEngine) detect(ctx context.Context, d detector, frag Fragment, ix *lineIndex, p piece, ends *[]int) []finding.Finding {
	text := frag.Text
	line := ix.line(p.start) // 0-based line of the piece's first byte
	col := p.start - ix.lineStart(line)
	first := frag.StartLine + line
	f := detect.Fragment{
		Raw:         text[p.start:p.end],
		FilePath:    frag.Path,
		SymlinkFile: frag.SymlinkFile,
		StartLine:   first,
	}
	if frag.Commit != nil {
		f.CommitSHA = frag.Commit.SHA
	}
	found := d.DetectContext(ctx, f)
	out := make([]finding.Finding, 0, len(found))
	for _, g := range found {
		if e.stop[g.RuleID].in(g.Secret) {
			continue
		}
		if check := e.checks[g.RuleID]; check != nil && !check(g.Match, g.Secret) {
			continue
		}
		// gitleaks counts columns on lines after a fragment's first from the
		// preceding newline, one too many; pieces start at a line start,
		// or at col bytes into it.
		if g.StartLine != first && g.StartColumn > 1 {
			g.StartColumn--
		}
		if g.EndLine != first && g.EndColumn > 1 {
			g.EndColumn--
		}
		if g.StartLine == first {
			g.StartColumn += col
		}
		if g.EndLine == first {
			g.EndColumn += col
		}
		// Byte offsets of the match in text.
		sl, el := g.StartLine-frag.StartLine, g.EndLine-frag.StartLine
		ls := ix.lineStart(sl)
		sb := min(ls+max(g.StartColumn-1, 0), len(text))
		eb := min(max(ix.lineStart(el)+g.EndColumn, sb), len(text))
		if !p.owns(sb) {
			continue
		}
		// A match that ends in a newline (a trailing \s) is reported by
		// gitleaks as ending on the next line, or at column 0 when the text
		// ends there; report where its last visible character is.
		if m := strings.TrimRight(g.Match, "\r\n"); !strings.Contains(m, "\n") && g.Match != "" {
			g.EndLine = g.StartLine
			g.EndColumn = g.StartColumn + len(m) - 1
		}
		if ends != nil {
			*ends = append(*ends, eb)
		}
		qs, qe := quote(text, ls, sb, eb, e.lim.quote)
		f := fromGitleaks(g, frag, e.hasher, text[qs:qe], sb-qs, text[sb:min(sb+len(g.Match), len(text))] == g.Match)
		if own(&f) && signupBefore(text, sb) {
			f.Tags = append(f.Tags, finding.TagSignup)
		}
		out = append(out, f)
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
