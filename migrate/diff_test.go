package migrate

import (
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/internal/testenv"
)

func TestUnifiedDiffGolden(t *testing.T) {
	before := "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n"
	after := "a\nb\nc\nD\ne\nf\ng\nh\ni\nj\nk"
	want := `diff --git a/x.txt b/x.txt
--- a/x.txt
+++ b/x.txt
@@ -1,10 +1,11 @@
 a
 b
 c
-d
+D
 e
 f
 g
 h
 i
 j
+k
\ No newline at end of file
`
	if got := UnifiedDiff("x.txt", before, after, false); got != want {
		t.Errorf("diff:\n%s\nwant:\n%s", got, want)
	}
	before2 := strings.Repeat("l\n", 20) + "x\n"
	if got := UnifiedDiff("y", "x\n"+before2, "X\n"+before2[:len(before2)-2]+"Y\n", false); strings.Count(got, "@@ -") != 2 {
		t.Errorf("distant changes must give two hunks:\n%s", got)
	}
	if UnifiedDiff("x", "same\n", "same\n", false) != "" {
		t.Error("no change must give no diff")
	}
}

// TestUnifiedDiffApplies checks random edits with git apply.
func TestUnifiedDiffApplies(t *testing.T) {
	_, err := exec.LookPath("git")
	testenv.Require(t, err == nil, "git", "apt-get install git")
	r := rand.New(rand.NewSource(7))
	words := []string{"alpha", "beta", "gamma", "", "  indented", "é ü", "}"}
	gen := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = words[r.Intn(len(words))]
		}
		return out
	}
	dir := t.TempDir()
	for i := 0; i < 60; i++ {
		a := gen(r.Intn(30))
		b := append([]string(nil), a...)
		for k := r.Intn(4); k >= 0; k-- {
			switch pos := r.Intn(len(b) + 1); r.Intn(3) {
			case 0:
				b = append(b[:pos], append([]string{"new line"}, b[pos:]...)...)
			case 1:
				if pos < len(b) {
					b = append(b[:pos], b[pos+1:]...)
				}
			case 2:
				if pos < len(b) {
					b[pos] = "changed"
				}
			}
		}
		before, after := strings.Join(a, "\n"), strings.Join(b, "\n")
		if r.Intn(2) == 0 {
			before += "\n"
		}
		if r.Intn(2) == 0 && after != "" {
			after += "\n"
		}
		isNew := before == ""
		d := UnifiedDiff("f.txt", before, after, isNew)
		if d == "" {
			if before != after {
				t.Fatalf("case %d: empty diff for a change", i)
			}
			continue
		}
		file := filepath.Join(dir, "f.txt")
		os.Remove(file)
		if !isNew {
			if err := os.WriteFile(file, []byte(before), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		patch := filepath.Join(dir, "p.diff")
		if err := os.WriteFile(patch, []byte(d), 0o600); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("git", "apply", "p.diff")
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("case %d: git apply: %v\n%s\npatch:\n%s", i, err, out, d)
		}
		got, _ := os.ReadFile(file)
		if string(got) != after {
			t.Fatalf("case %d: applied %q, want %q\npatch:\n%s", i, got, after, d)
		}
	}
}

func TestRedact(t *testing.T) {
	got := Redact("x=abcdef y=abc", []string{"abc", "abcdef", ""})
	if got != "x=REDACTED y=REDACTED" {
		t.Errorf("got %q", got)
	}
}
