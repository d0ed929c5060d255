package cmd

import (
	"fmt"
	"strings"
	"time"

	"github.com/secretsweep/secretsweep/scanner"
)

// summaryLine is the one-line account of a scan printed on stderr.
func summaryLine(res *scanner.Result) string {
	st := res.Stats
	var b strings.Builder
	unit := "files"
	if st.Mode != string(scanner.ModeDir) {
		unit = "blobs"
	}
	fmt.Fprintf(&b, "scanned %d %s", st.Files, unit)
	if st.Commits > 0 {
		fmt.Fprintf(&b, " in %d commits", st.Commits)
	}
	fmt.Fprintf(&b, " (%s) in %s: ", humanBytes(st.Bytes), st.Duration.Round(time.Millisecond))
	switch n := len(res.Findings); n {
	case 0:
		b.WriteString("no leaks found")
	case 1:
		b.WriteString("1 leak found")
	default:
		fmt.Fprintf(&b, "%d leaks found", n)
	}
	var skipped []string
	for _, s := range []struct {
		n    int
		what string
	}{{st.SkippedBinary, "binary"}, {st.SkippedLarge, "too large"}, {st.SkippedOther, "unreadable"}, {st.MissingObjects, "missing objects"}} {
		if s.n > 0 {
			skipped = append(skipped, fmt.Sprintf("%d %s", s.n, s.what))
		}
	}
	if len(skipped) > 0 {
		fmt.Fprintf(&b, "; skipped %s", strings.Join(skipped, ", "))
	}
	return b.String()
}

func humanBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}
