package parse

import (
	"sort"
	"strings"
)

// text indexes a file's lines, so parsers that know byte offsets (XML,
// JSON) place their candidates on lines and columns.
type text struct {
	s  string
	nl []int // offsets of '\n'
}

func newText(b []byte) *text {
	t := &text{s: string(b)}
	for i := 0; i < len(t.s); i++ {
		if t.s[i] == '\n' {
			t.nl = append(t.nl, i)
		}
	}
	return t
}

// pos returns the 0-based line and byte column of offset off.
func (t *text) pos(off int) (line, col int) {
	line = sort.SearchInts(t.nl, off)
	return line, off - t.lineStart(line)
}

func (t *text) lineStart(l int) int {
	if l <= 0 {
		return 0
	}
	return t.nl[min(l, len(t.nl))-1] + 1
}

// lineEnd returns the offset of line l's newline (or the text's end).
func (t *text) lineEnd(l int) int {
	if l < len(t.nl) {
		return t.nl[l]
	}
	return len(t.s)
}

// candidate places a value written at bytes [start, end) of the text.
func (t *text) candidate(key, secret string, start, end int) Candidate {
	line, col := t.pos(start)
	end = min(end, t.lineEnd(line))
	return Candidate{Key: key, Secret: secret, Line: line, Col: col, Len: max(end-start, 0)}
}

// each calls fn for each line of the text from offset off on, with its
// 0-based number and the offset of its first byte (a \r before the newline
// is dropped).
func (t *text) each(off int, fn func(line, start int, s string)) {
	l, _ := t.pos(off)
	for start := off; start <= len(t.s); l++ {
		end := t.lineEnd(l)
		fn(l, start, strings.TrimSuffix(t.s[start:end], "\r"))
		if end == len(t.s) {
			return
		}
		start = end + 1
	}
}
