package report

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/secretsweep/secretsweep/internal/finding"
)

func TestTextColorGolden(t *testing.T) {
	out := render(t, textReporter{}, goldenCases()[0].res, Options{Color: true})
	checkGolden(t, "redacted-color.txt", out)
	if plain := render(t, textReporter{}, goldenCases()[0].res, Options{}); strings.Contains(plain, "\x1b") {
		t.Error("colour without Options.Color")
	}
}

// TestTextEscapesTerminalControls: scanned content cannot drive the terminal.
func TestTextEscapesTerminalControls(t *testing.T) {
	res := &finding.Result{Findings: []finding.Finding{{
		RuleID: "r", File: "evil\x1b]0;title\a.txt", StartLine: 1,
		Match: "x\x1b[2Jy\u202egnp.exe", Commit: "abc", Author: "a\rb", Message: "m\x9bz\nsecond line",
	}}}
	out := render(t, textReporter{}, res, Options{})
	for _, bad := range []string{"\x1b", "\a", "\r", "\u202e", "\x9b", "second line"} {
		if strings.Contains(out, bad) {
			t.Errorf("output contains %q:\n%s", bad, out)
		}
	}
	for _, want := range []string{`evil\x1b]0;title\a.txt:1`, `x\x1b[2Jy\u202egnp.exe`, `a\rb`, `m\x9bz`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestSummaryLine(t *testing.T) {
	for _, tc := range []struct {
		st   finding.Stats
		n    int
		want string
	}{
		{finding.Stats{Mode: "dir", Files: 1, Bytes: 10, Duration: 5 * time.Millisecond}, 1,
			"Scanned 1 file (10 B) in 5ms: 1 finding."},
		{finding.Stats{Mode: "range", Files: 3, Commits: 1, Bytes: 3 << 20, Duration: 90 * time.Second}, 0,
			"Scanned 3 blobs from 1 commit (3.0 MiB) in 1m30s: 0 findings."},
		{finding.Stats{Mode: "staged", SkippedOther: 2, Warnings: []string{"a", "b"}}, 0,
			"Scanned 0 files (0 B) in 0s: 0 findings. Skipped 2 unreadable or outside the tree. 2 warnings."},
		{finding.Stats{Mode: "history", MissingObjects: 1, SkippedLarge: 1}, 2,
			"Scanned 0 blobs (0 B) in 0s: 2 findings. Skipped 1 too large. 1 missing object."},
	} {
		res := &finding.Result{Findings: make([]finding.Finding, tc.n), Stats: tc.st}
		if got := SummaryLine(res); got != tc.want {
			t.Errorf("summaryLine =\n %q\nwant %q", got, tc.want)
		}
	}
}

func TestTextCapsWarnings(t *testing.T) {
	res := &finding.Result{}
	for i := 0; i < textMaxWarnings+3; i++ {
		res.Stats.Warnings = append(res.Stats.Warnings, fmt.Sprintf("w%d", i))
	}
	out := render(t, textReporter{}, res, Options{})
	if strings.Count(out, "warning: w") != textMaxWarnings || !strings.Contains(out, "… and 3 more") {
		t.Errorf("warnings not capped:\n%s", out)
	}
}
