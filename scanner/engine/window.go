package engine

import (
	"regexp/syntax"
	"sort"
)

// maxNewlines returns how many newlines a match of the regular expression
// can span, or -1 when that is unbounded (e.g. [\s\S]*). Rules with a small
// bound are run only in windows of lines around their keyword hits.
func maxNewlines(expr string) int {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return -1
	}
	return newlines(re) // handles repeats itself: no Simplify, which costs as much as the parse
}

func newlines(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpLiteral:
		n := 0
		for _, r := range re.Rune {
			if r == '\n' {
				n++
			}
		}
		return n
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i] <= '\n' && '\n' <= re.Rune[i+1] {
				return 1
			}
		}
		return 0
	case syntax.OpAnyChar:
		return 1
	case syntax.OpCapture, syntax.OpQuest:
		return newlines(re.Sub[0])
	case syntax.OpStar, syntax.OpPlus:
		if newlines(re.Sub[0]) != 0 {
			return -1
		}
		return 0
	case syntax.OpRepeat:
		n := newlines(re.Sub[0])
		if n == 0 {
			return 0
		}
		if n < 0 || re.Max < 0 {
			return -1
		}
		return n * re.Max
	case syntax.OpConcat:
		total := 0
		for _, s := range re.Sub {
			n := newlines(s)
			if n < 0 {
				return -1
			}
			total += n
		}
		return total
	case syntax.OpAlternate:
		most := 0
		for _, s := range re.Sub {
			n := newlines(s)
			if n < 0 {
				return -1
			}
			if n > most {
				most = n
			}
		}
		return most
	}
	return 0
}

// lineIndex maps byte offsets of a text to 0-based line numbers.
type lineIndex struct {
	text string
	nl   []int // offsets of '\n'
}

func newLineIndex(text string) *lineIndex {
	li := &lineIndex{text: text}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			li.nl = append(li.nl, i)
		}
	}
	return li
}

// line returns the 0-based line holding byte offset p.
func (li *lineIndex) line(p int) int { return sort.SearchInts(li.nl, p) }

// lines is the number of lines (a trailing newline does not start a line).
func (li *lineIndex) lines() int {
	if n := len(li.nl); n > 0 && li.nl[n-1] == len(li.text)-1 {
		return n
	}
	return len(li.nl) + 1
}

// lineStart returns the offset of line l's first byte.
func (li *lineIndex) lineStart(l int) int {
	if l <= 0 {
		return 0
	}
	return li.nl[min(l, len(li.nl))-1] + 1
}

// lineEnd returns the offset just past line l's newline (or the text's end).
func (li *lineIndex) lineEnd(l int) int {
	if l < len(li.nl) {
		return li.nl[l] + 1
	}
	return len(li.text)
}

// longest returns the length of the longest of lines [a, b].
func (li *lineIndex) longest(a, b int) int {
	most := 0
	for l := a; l <= b; l++ {
		most = max(most, li.lineEnd(l)-li.lineStart(l))
	}
	return most
}

// span returns the byte range of lines [a, b], with line b's newline (a
// match ending at the end of a window without one gets a wrong end line
// from gitleaks).
func (li *lineIndex) span(a, b int) (int, int) {
	start := 0
	if a > 0 {
		start = li.nl[a-1] + 1
	}
	end := len(li.text)
	if b < len(li.nl) {
		end = li.nl[b] + 1
	}
	return start, end
}

// window is an inclusive range of 0-based lines.
type window struct{ a, b int }

// mergeWindows sorts windows and joins those that overlap or touch.
func mergeWindows(ws []window) []window {
	if len(ws) < 2 {
		return ws
	}
	sort.Slice(ws, func(i, j int) bool { return ws[i].a < ws[j].a })
	out := ws[:1]
	for _, w := range ws[1:] {
		last := &out[len(out)-1]
		if w.a <= last.b+1 {
			if w.b > last.b {
				last.b = w.b
			}
			continue
		}
		out = append(out, w)
	}
	return out
}
