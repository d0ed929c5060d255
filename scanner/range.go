package scanner

import (
	"fmt"
	"strings"
)

// parseRange reads a --range argument as git log reads a revision range:
// "A..B" is the commits reachable from B and not from A, an empty side
// meaning HEAD (so ".." is empty and "..B" is HEAD..B); a single revision
// X is every commit reachable from X. base is "" for a single revision.
// Forms that name more than one exclusion (A...B, X^!, X^@) are refused
// rather than misread.
func parseRange(rng string) (tip, base string, err error) {
	bad := func(why string) error { return fmt.Errorf("range %q: %s", rng, why) }
	switch {
	case strings.Contains(rng, "..."):
		return "", "", bad("symmetric ranges (A...B) are not supported; use A..B")
	case strings.Contains(rng, "^!") || strings.Contains(rng, "^@"):
		return "", "", bad("REV^! and REV^@ are not supported; use A..B (REV~1..REV for a commit with one parent)")
	}
	b, t, ok := strings.Cut(rng, "..")
	if !ok {
		return rng, "", nil
	}
	if strings.Contains(t, "..") {
		return "", "", bad(`more than one ".."; want A..B`)
	}
	if b == "" {
		b = "HEAD"
	}
	if t == "" {
		t = "HEAD"
	}
	return t, b, nil
}
