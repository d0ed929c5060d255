package scanner

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// ErrIncomplete is in the chain of the error Scan returns, together with a
// Result, when content the scan was asked to cover could not be read.
var ErrIncomplete = errors.New("scan incomplete")

// IncompleteError reports content a scan could not read. Scan returns it
// together with the Result of what it did read: the findings there are
// real, but "no findings" means nothing about the unread part. Result's
// Stats.Unreadable and Stats.Errors detail it.
type IncompleteError struct {
	// Unreadable is how many objects or files could not be read.
	Unreadable int
	// What names them ("git objects", "files").
	What string
	// First names the first of them and why, in one line.
	First string
	// Hint says how to proceed, when there is something to say.
	Hint string
}

func (e *IncompleteError) Error() string {
	var b strings.Builder
	b.WriteString("scan incomplete: ")
	if e.Unreadable == 1 {
		b.WriteString("could not read ")
	} else {
		fmt.Fprintf(&b, "could not read %d %s, first ", e.Unreadable, e.What)
	}
	b.WriteString(e.First)
	if e.Hint != "" {
		b.WriteString("; " + e.Hint)
	}
	return oneLine(b.String())
}

// Is makes errors.Is(err, ErrIncomplete) true.
func (e *IncompleteError) Is(target error) bool { return target == ErrIncomplete }

// maxErrorLines bounds the lines of Stats.Errors a source keeps.
const maxErrorLines = 10

// oneLine makes s safe to print as one line: a path or an error may hold
// line breaks or terminal escapes, which are written as \x escapes.
func oneLine(s string) string {
	if !strings.ContainsFunc(s, unicode.IsControl) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unicode.IsControl(r) {
			fmt.Fprintf(&b, "\\x%02x", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// shortPath keeps a path printable on one line: past 200 bytes (a path
// longer than PATH_MAX, say) its middle is elided.
func shortPath(p string) string {
	if len(p) <= 200 {
		return p
	}
	return p[:80] + "…" + p[len(p)-100:]
}
