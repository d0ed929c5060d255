package engine

import "strings"

// matchLoc is where gitleaks places a match: 0-based lines relative to
// the fragment, 1-based columns counted from the preceding newline, and the
// byte range of the finding's Line.
type matchLoc struct {
	startLine, endLine           int
	startColumn, endColumn       int
	startLineIndex, endLineIndex int
}

// newlineOffsets returns the offsets of the newlines in s.
func newlineOffsets(s string) []int {
	nl := make([]int, 0, strings.Count(s, "\n")) // never nil: computed
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			nl = append(nl, i)
		}
	}
	return nl
}

// locate is gitleaks' location (detect/location.go) for the match
// [start, end) of raw, whose newlines are at nl, with its quirks: a line's
// columns and Line start at the preceding newline, and a text without
// newlines counts as one line ending just past its end.
func locate(nl []int, raw string, start, end int) matchLoc {
	var (
		loc    matchLoc
		prev   int
		set    bool
		lineNo int
	)
	if len(nl) == 0 {
		nl = []int{len(raw)}
	}
	for n, at := range nl {
		lineNo = n
		if prev <= start && start < at {
			set = true
			loc.startLine, loc.endLine = n, n
			loc.startColumn = start - prev + 1
			loc.startLineIndex, loc.endLineIndex = prev, at
		}
		if prev < end && end <= at {
			loc.endLine = n
			loc.endColumn = end - prev
			loc.endLineIndex = at
		}
		prev = at
	}
	if !set {
		// The match is on the last line, which has no newline.
		loc.startColumn = start - prev + 1
		loc.endColumn = end - prev
		loc.startLine, loc.endLine = lineNo+1, lineNo+1
		i := end
		for i < len(raw) && raw[i] != '\n' && raw[i] != '\r' {
			i++
		}
		loc.endLineIndex = i
	}
	return loc
}
