package migrate

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRewriteFailureEndsWithSummary: a file that cannot be written (its
// helper's path is taken by a directory) stops that file only; the run
// goes on with the others and ends with the summary of what was done and
// what was not.
func TestRewriteFailureEndsWithSummary(t *testing.T) {
	api, _ := startMoto(t)
	dir := filepath.Join(t.TempDir(), "shop")
	writeTestFile(t, filepath.Join(dir, "a/app.py"), "SLACK_BOT_TOKEN = \""+fxSlackBot+"\"\nprint(SLACK_BOT_TOKEN)\n", 0o644)
	if err := os.MkdirAll(filepath.Join(dir, "a", "secretsweep_secrets.py"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeTestFile(t, filepath.Join(dir, "b/main.go"), "package main\n\nconst stripeKey = \""+fxStripe+"\"\n\nfunc main() { println(stripeKey) }\n", 0o644)
	out, sum, err := runMigrate(t, dir, ModeApply, api, nil)
	if !errors.Is(err, ErrPartial) {
		t.Fatalf("err = %v, want ErrPartial\n%s", err, out)
	}
	if sum == nil || sum.FilesRewritten != 1 || sum.Stopped != 1 || sum.Secrets != 2 {
		t.Errorf("summary %+v, want 1 file rewritten, 1 finding stopped, 2 secrets stored", sum)
	}
	for _, want := range []string{"b/main.go: rewritten", "a/app.py: unchanged", "STOPPED: ", "Secrets stored and read back: 2", "finding(s): 1 migrated"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "b/main.go")); strings.Contains(string(b), fxStripe) {
		t.Error("b/main.go was not rewritten after a/app.py failed")
	}
}
