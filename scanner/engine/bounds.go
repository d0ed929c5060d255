package engine

import (
	"strings"
	"unicode/utf8"
)

// Bounded work per detector call. gitleaks' detector spends, for every
// regex match, time in the length of the match's line (it looks for
// "gitleaks:allow" in it and runs line allowlists over it) and in the number
// of lines of the text it was given (to locate the match); and every finding
// used to copy its whole line. One line of thousands of tokens, or thousands
// of findings in one large file, cost time and memory in the square of
// their size (a 1 MB line took over 20 GB). So the engine never hands the
// detector a large text:
//
//   - a span of lines larger than pieceBytes is cut, between lines, into
//     pieces whose cores hold at most pieceBytes;
//   - a line longer than longLine is cut into chunks of chunkBytes, after a
//     separator (space, quote, comma...) when one is near, so tokens and
//     encoded segments are rarely cut;
//   - each piece is scanned with context around its core, and keeps only
//     the findings that start in its core, so pieces neither lose nor
//     repeat a match that fits in that context: lines after the core for
//     rules whose matches span lines (reach), and within a long line
//     leadBytes before a chunk and tailBytes after it (matches starting in
//     a chunk and up to tailBytes long are found whole);
//   - a finding that reaches the end of its piece's context may have been
//     cut short: the piece is scanned again with a longer one (escalation);
//   - finding.Finding.Line quotes at most quoteBytes of the line either side of the
//     match.
//
// Spans below those sizes are scanned exactly as before, in one call.
// The price of the cuts, on lines over longLine only: a match must start
// within a few kilobytes of a keyword of its rule (as gitleaks requires the
// keyword in the same text), allowlists on the line see the chunk's part of
// it, and a match that ends more than tailBytes after its chunk is missed,
// or cut when the escalated context is too short.
const (
	pieceBytes  = 32 << 10
	longLine    = 16 << 10
	chunkBytes  = 16 << 10
	leadBytes   = 256
	tailBytes   = 4 << 10
	quoteBytes  = 256
	escalateBy  = 64 << 10
	escalations = 64 // per fragment: bounds the rescans an adversarial line can cause
)

// limits holds the sizes above; tests shrink or widen them.
type limits struct {
	piece, longLine, chunk, lead, tail, quote, escalate, escalations int
}

var defaultLimits = limits{pieceBytes, longLine, chunkBytes, leadBytes, tailBytes, quoteBytes, escalateBy, escalations}

// reach is how many lines of context a detector needs around a piece's
// core: its matches span up to lines newlines, so they must fit after the
// core's last line; lead and tail cap that context in bytes before and
// after the core. A chunk of a long line that would cut a run of bytes
// without separators (an encoded blob) shorter than run is stretched to
// hold all of it, so it is decoded whole.
type reach struct{ lines, lead, tail, run int }

// unbounded stands for "any number of lines".
const unbounded = int(^uint(0) >> 2)

var (
	// fullReach serves rules whose matches span any number of lines
	// (private keys): 16 KB of lines before a piece, 64 KB after it.
	fullReach = reach{unbounded, 16 << 10, 64 << 10, 0}
	// decodeReach serves the decoders, which run every rule on the lines
	// holding encoded text, and decode blobs of up to 64 KB whole.
	decodeReach = reach{maxWindowNewlines, 64 << 10, 64 << 10, 64 << 10}
)

// groupReach serves a window group whose matches span up to n newlines.
func groupReach(n int) reach { return reach{n, 64 << 10, 64 << 10, 0} }

// piece is a part of a fragment's text handed to one detector call.
type piece struct {
	start, end   int // the text scanned
	core0, core1 int // findings kept start here (the whole text when !split)
	limit        int // end of the span the piece belongs to: escalation stops there
	split        bool
}

// owns reports whether a finding starting at byte p belongs to the piece.
func (p *piece) owns(at int) bool { return !p.split || (p.core0 <= at && at < p.core1) }

// isSeparator marks bytes that occur in neither tokens nor base64, hex or
// percent-encoded text: good places to cut a long line.
var isSeparator = byteSet(" \t\r\n\"'`,;<>()[]{}|")

// pieces cuts the span [s, t) of ix's text (s at a line start, t at a line
// end or the text's end) into pieces for a detector that needs context r.
// gitleaks:allow on a long line is honoured here, for its whole line.
func (lim *limits) pieces(ix *lineIndex, s, t int, r reach) []piece {
	if s >= t {
		return nil
	}
	a, b := ix.line(s), ix.line(t-1)
	if t-s <= lim.piece && ix.longest(a, b) <= lim.longLine {
		return []piece{{start: s, end: t, core0: s, core1: t, limit: t}}
	}
	text := ix.text
	var out []piece
	add := func(c0, c1 int) {
		out = append(out, piece{start: lim.leadStart(ix, s, c0, r), end: lim.tailEnd(ix, t, c1, r), core0: c0, core1: c1, limit: t, split: true})
	}
	cs := -1 // start of the core being gathered
	for l := a; l <= b; l++ {
		ls, le := max(ix.lineStart(l), s), min(ix.lineEnd(l), t)
		if le-ls > lim.longLine {
			if cs >= 0 {
				add(cs, ls)
				cs = -1
			}
			if strings.Contains(text[ls:le], gitleaksAllow) {
				continue // gitleaks skips every finding on such a line
			}
			for c := ls; c < le; {
				e := le
				if le-c > lim.chunk {
					e = lim.cut(text, c, le, r.run)
				}
				add(c, e)
				c = e
			}
			continue
		}
		if cs >= 0 && le-cs > lim.piece {
			add(cs, ls)
			cs = -1
		}
		if cs < 0 {
			cs = ls
		}
	}
	if cs >= 0 {
		add(cs, t)
	}
	return out
}

const gitleaksAllow = "gitleaks:allow"

// leadStart returns where the context before core start cs begins: up to
// lim.lead bytes of cs's line, then whole earlier lines (r.lines of them,
// r.lead bytes in all), never before s.
func (lim *limits) leadStart(ix *lineIndex, s, cs int, r reach) int {
	text := ix.text
	p := cs
	if p <= s {
		return s
	}
	if ls := max(ix.lineStart(ix.line(p)), s); ls < p {
		if p-ls > lim.lead {
			return runeStartAfter(text, p-lim.lead)
		}
		p = ls
	}
	for k := 0; k < r.lines && p > s; k++ {
		pls := max(ix.lineStart(ix.line(p-1)), s)
		if p-pls > lim.longLine {
			return runeStartAfter(text, max(pls, p-lim.lead))
		}
		if cs-pls > r.lead {
			break
		}
		p = pls
	}
	return p
}

// tailEnd returns where the context after core end ce ends: the rest of
// ce's line up to lim.tail bytes (then on to the next separator, so a
// token there is not cut), then whole later lines (r.lines of them, r.tail
// bytes in all), never after t.
func (lim *limits) tailEnd(ix *lineIndex, t, ce int, r reach) int {
	text := ix.text
	p := ce
	if p >= t {
		return t
	}
	if p > 0 && text[p-1] != '\n' {
		le := min(ix.lineEnd(ix.line(p)), t)
		if le-p > lim.tail {
			return min(separatorAfter(text, p+lim.tail, lim.tail), t)
		}
		p = le
	}
	for k := 0; k < r.lines && p < t; k++ {
		nle := min(ix.lineEnd(ix.line(p)), t)
		if nle-p > lim.longLine {
			return min(separatorAfter(text, p+lim.tail, lim.tail), t)
		}
		if nle-ce > r.tail {
			break
		}
		p = nle
	}
	return p
}

// cut returns the end of the chunk of a long line [c, le) that starts at
// c: after the last separator in its second half, else, when the line goes
// on without separators, after the end of that run if it ends within run
// bytes of its start, else lim.chunk bytes in.
func (lim *limits) cut(text string, c, le, run int) int {
	hi := c + lim.chunk
	for i := hi - 1; i >= c+lim.chunk/2; i-- {
		if isSeparator[text[i]] {
			return i + 1
		}
	}
	if run > 0 {
		rs := c // start of the run holding hi
		for i := c + lim.chunk/2 - 1; i >= c; i-- {
			if isSeparator[text[i]] {
				rs = i + 1
				break
			}
		}
		for i := hi; i < min(le, rs+run); i++ {
			if isSeparator[text[i]] {
				return i + 1
			}
		}
		if rs+run >= le {
			return le
		}
	}
	return runeStartBefore(text, hi, c+1)
}

// separatorAfter returns the position after the first separator in
// [p, p+most), or p+most; at a rune start either way.
func separatorAfter(text string, p, most int) int {
	end := min(p+most, len(text))
	if p >= end {
		return min(p, len(text))
	}
	for i := p; i < end; i++ {
		if isSeparator[text[i]] {
			return i + 1
		}
	}
	return runeStartBefore(text, end, p)
}

// runeStartAfter moves p forward to the start of a rune (at most 3 bytes).
func runeStartAfter(text string, p int) int {
	for k := 0; k < utf8.UTFMax-1 && p < len(text) && !utf8.RuneStart(text[p]); k++ {
		p++
	}
	return p
}

// runeStartBefore moves p back to the start of a rune, not before lo.
func runeStartBefore(text string, p, lo int) int {
	for k := 0; k < utf8.UTFMax-1 && p > lo && p < len(text) && !utf8.RuneStart(text[p]); k++ {
		p--
	}
	return p
}

// quote returns the part of text finding.Finding.Line holds for a match over
// [sb, eb) that starts on the line beginning at ls: the lines it spans,
// cut to q bytes either side of it on rune boundaries.
func quote(text string, ls, sb, eb, q int) (int, int) {
	qs := max(ls, sb-q)
	if qs > ls {
		qs = runeStartAfter(text, qs)
	}
	qe := min(len(text), eb+q)
	if i := strings.IndexByte(text[eb:qe], '\n'); i >= 0 {
		qe = eb + i
	} else if qe < len(text) {
		qe = runeStartBefore(text, qe, eb)
	}
	return min(qs, sb), qe
}
