package migrate

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/internal/testenv"
)

// TestPatchMatchesApply writes the change as a patch, checks that nothing
// else changed, then applies the patch with git and compares the result
// with what --apply does to a second copy.
func TestPatchMatchesApply(t *testing.T) {
	_, err := exec.LookPath("git")
	testenv.Require(t, err == nil, "git", "apt-get install git")
	api, _ := startMoto(t)
	dir := newFixture(t)
	before := snapshot(t, dir)
	patch := filepath.Join(t.TempDir(), "migrate.patch")
	out, sum, err := runMigrate(t, dir, ModePatch, api, func(o *Options) { o.PatchFile = patch })
	if err != nil {
		t.Fatalf("patch: %v\n%s", err, out)
	}
	checkStored(t, api)
	for _, p := range diffSnapshots(before, snapshot(t, dir)) {
		if p != ".git/info/exclude" && !strings.HasPrefix(p, JournalDir+"/") {
			t.Errorf("--patch changed %s", p)
		}
	}
	st, err := os.Stat(patch)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("patch mode %v, want 0600", st.Mode().Perm())
	}
	if sum.PatchFile != patch || !strings.Contains(out, "Patch written to") {
		t.Errorf("summary does not name the patch")
	}
	pb, _ := os.ReadFile(patch)
	if !strings.Contains(string(pb), fxStripe) {
		t.Error("the patch does not remove the literal (git apply needs it)")
	}

	for _, args := range [][]string{{"apply", "--check", patch}, {"apply", patch}} {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, b)
		}
	}
	other := newFixture(t)
	if out, _, err := runMigrate(t, other, ModeApply, api, nil); err != nil {
		t.Fatalf("apply: %v\n%s", err, out)
	}
	got, want := worktree(t, dir), worktree(t, other)
	if d := diffSnapshots(want, got); len(d) > 0 {
		t.Errorf("patched tree differs from applied tree in %v", d)
	}
}

// worktree is the snapshot of a work tree without .git and the journal.
func worktree(t *testing.T, dir string) map[string]string {
	s := snapshot(t, dir)
	for k := range s {
		if strings.HasPrefix(k, ".git/") || strings.HasPrefix(k, JournalDir+"/") {
			delete(s, k)
		}
	}
	return s
}
