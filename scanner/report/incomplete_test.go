package report

import (
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// TestIncompleteNeverSaysNoLeaks: a scan that could not read everything
// never reads as clean in any format, and the human formats name what
// could not be read.
func TestIncompleteNeverSaysNoLeaks(t *testing.T) {
	res := &finding.Result{Stats: incompleteStats()}
	for _, r := range Reporters() {
		out := render(t, r, res, testOpts())
		if strings.Contains(strings.ToLower(out), "no leaks") {
			t.Errorf("%s: an incomplete scan says no leaks:\n%s", r.Name(), out)
		}
		switch r.Name() {
		case "text", "markdown", "html":
			if !strings.Contains(strings.ToLower(out), "scan incomplete") || !strings.Contains(out, fakeCommit) {
				t.Errorf("%s: does not say the scan is incomplete and what could not be read:\n%s", r.Name(), out)
			}
		}
	}
	if got := SummaryLine(res); !strings.Contains(got, "Incomplete: 2 git objects could not be read.") {
		t.Errorf("summary = %q", got)
	}
}
