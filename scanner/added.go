package scanner

import (
	"bytes"
	"hash/maphash"
)

// run is a stretch of consecutive added lines: its 1-based first line and
// byte range in the new content.
type run struct {
	line       int
	start, end int
}

// lineSeed keys line hashes; any fixed seed works within a process.
var lineSeed = maphash.MakeSeed()

// addedRuns returns the lines of cur that prev does not hold, grouped into
// runs. Lines common to the start and to the end of both are skipped first
// (most commits edit a few lines of a long file); in between, lines are
// compared as a multiset rather than by an edit script: a line counts as
// added when cur holds it more often than prev. Moved lines are thereby not
// rescanned (their content was scanned when it first appeared), and the
// cost is linear.
func addedRuns(prev, cur []byte) []run {
	if len(cur) == 0 {
		return nil
	}
	if len(prev) == 0 {
		return []run{{line: 1, start: 0, end: len(cur)}}
	}
	p := commonLinePrefix(prev, cur)
	q := commonLineSuffix(prev[p:], cur[p:])
	mid := cur[p : len(cur)-q]
	if len(mid) == 0 {
		return nil
	}
	runs := multisetRuns(prev[p:len(prev)-q], mid)
	first := bytes.Count(cur[:p], []byte{'\n'})
	for i := range runs {
		runs[i].line += first
		runs[i].start += p
		runs[i].end += p
	}
	return runs
}

// commonLinePrefix returns the length of the longest common prefix of a and
// b that ends at a line boundary.
func commonLinePrefix(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	for i < n && a[i] == b[i] {
		i++
	}
	if i == len(a) && i == len(b) {
		return i
	}
	return bytes.LastIndexByte(a[:i], '\n') + 1
}

// commonLineSuffix returns the length of the longest common suffix of a and
// b that starts at a line start in both.
func commonLineSuffix(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	for i < n && a[len(a)-1-i] == b[len(b)-1-i] {
		i++
	}
	for i > 0 {
		sa, sb := len(a)-i, len(b)-i
		if (sa == 0 || a[sa-1] == '\n') && (sb == 0 || b[sb-1] == '\n') {
			return i
		}
		j := bytes.IndexByte(a[sa:], '\n')
		if j < 0 {
			return 0
		}
		i -= j + 1
	}
	return 0
}

// multisetRuns is addedRuns on the differing middle of two contents.
func multisetRuns(prev, cur []byte) []run {
	counts := make(map[uint64]int32, bytes.Count(prev, []byte{'\n'})+1)
	forLines(prev, func(s, e int) {
		counts[maphash.Bytes(lineSeed, prev[s:e])]++
	})
	var out []run
	open := false
	line := 0
	forLines(cur, func(s, e int) {
		line++
		h := maphash.Bytes(lineSeed, cur[s:e])
		if n := counts[h]; n > 0 {
			counts[h] = n - 1
			open = false
			return
		}
		if open {
			out[len(out)-1].end = e
			return
		}
		out = append(out, run{line: line, start: s, end: e})
		open = true
	})
	return out
}

// forLines calls fn with the byte range of each line, without its newline
// (and without a carriage return before it).
func forLines(b []byte, fn func(s, e int)) {
	for s := 0; s < len(b); {
		i := bytes.IndexByte(b[s:], '\n')
		next := s + i + 1
		if i < 0 {
			i, next = len(b)-s, len(b)
		}
		e := s + i
		if e > s && b[e-1] == '\r' {
			e--
		}
		fn(s, e)
		s = next
	}
}
