package hook

// End-to-end: a push whose commits cannot all be read is blocked.

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHookPushBlocksUnreadableCommits truncates the loose blob of a file
// in the commit being pushed: the hook cannot scan it, so it blocks the
// push and says what it could not read, rather than "no leaks".
func TestHookPushBlocksUnreadableCommits(t *testing.T) {
	f := newFixture(t, "")
	f.commit(f.work, "add notes", map[string]string{"notes/todo.txt": "nothing secret\n"})
	blob := f.git(f.work, "rev-parse", "HEAD:notes/todo.txt")
	p := filepath.Join(f.work, ".git", "objects", blob[:2], blob[2:])
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	os.Chmod(p, 0o644)
	if err := os.WriteFile(p, data[:len(data)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	before := f.remoteRef("main")
	ok, out := f.push("origin", "main")
	if ok {
		t.Fatalf("push succeeded, want it blocked\n%s", out)
	}
	for _, s := range []string{"push blocked", "scan incomplete", "blob " + blob, "notes/todo.txt"} {
		if !strings.Contains(out, s) {
			t.Errorf("push output lacks %q:\n%s", s, out)
		}
	}
	if strings.Contains(out, "no leaks") {
		t.Errorf("push output says no leaks:\n%s", out)
	}
	if got := f.remoteRef("main"); got != before {
		t.Errorf("remote main moved to %s", got)
	}
}
