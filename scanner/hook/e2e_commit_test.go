package hook

// End-to-end tests of the pre-commit hook.

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestHookPreCommit(t *testing.T) {
	f := newFixture(t, "--pre-commit", "--pre-push=false")
	if _, err := os.Stat(filepath.Join(f.work, ".git", "hooks", "pre-push")); err == nil {
		t.Error("--pre-push=false installed a pre-push hook")
	}
	before := f.head()
	for p, c := range leakFile {
		writeFile(t, filepath.Join(f.work, p), c)
		f.git(f.work, "add", p)
	}
	_, errOut, err := f.run(f.work, "", "git", "commit", "-m", "leak")
	if err == nil {
		t.Fatal("commit with a staged secret succeeded")
	}
	for _, s := range []string{"commit blocked", "config/app.env:2", "github-pat", "git commit --no-verify"} {
		if !strings.Contains(errOut, s) {
			t.Errorf("commit output lacks %q:\n%s", s, errOut)
		}
	}
	if strings.Contains(errOut, leakPAT) {
		t.Fatal("commit output shows the secret")
	}
	if f.head() != before {
		t.Error("HEAD moved")
	}
	// Unstaging the secret lets a clean commit through.
	f.git(f.work, "rm", "-q", "--cached", "config/app.env")
	f.commit(f.work, "clean", map[string]string{"ok.txt": "ok\n"})
	if f.head() == before {
		t.Error("clean commit did not happen")
	}
}

// git commit -a and git commit PATHS hand the hook a temporary index
// (GIT_INDEX_FILE); what it holds is what gets committed.
func TestHookPreCommitTemporaryIndex(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		content string
		ignore  string // .gitleaksignore committed beforehand
		blocked bool
	}{
		{name: "commit -a with a leak", args: []string{"-a"}, content: "GITHUB_TOKEN=" + leakPAT + "\n", blocked: true},
		{name: "commit PATH with a leak", args: []string{"--", "tracked.env"}, content: "GITHUB_TOKEN=" + leakPAT + "\n", blocked: true},
		{name: "commit -a clean", args: []string{"-a"}, content: "GITHUB_TOKEN=from-env\n"},
		{name: "commit -a with an ignored leak", args: []string{"-a"}, content: "GITHUB_TOKEN=" + leakPAT + "\n", ignore: "tracked.env:github-pat:1\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, "--pre-commit", "--pre-push=false")
			files := map[string]string{"tracked.env": "GITHUB_TOKEN=\n"}
			if tt.ignore != "" {
				files[".gitleaksignore"] = tt.ignore
			}
			f.commit(f.work, "tracked", files)
			before := f.head()
			writeFile(t, filepath.Join(f.work, "tracked.env"), tt.content)
			_, errOut, err := f.run(f.work, "", "git", append([]string{"commit", "-q", "-m", "change"}, tt.args...)...)
			if strings.Contains(errOut, leakPAT) {
				t.Fatal("commit output shows the secret")
			}
			if tt.blocked {
				if err == nil || f.head() != before || !strings.Contains(errOut, "tracked.env:1") {
					t.Fatalf("commit not blocked (err %v):\n%s", err, errOut)
				}
				return
			}
			if err != nil || f.head() == before {
				t.Fatalf("commit blocked (err %v):\n%s", err, errOut)
			}
		})
	}
}

// A staged change to .gitleaksignore or the config does not silence a
// staged leak: the pre-commit hook reads them from HEAD.
func TestHookPreCommitCannotSilenceItself(t *testing.T) {
	leak := "GITHUB_TOKEN=" + leakPAT + "\n"
	tests := []struct {
		name   string
		staged map[string]string
		args   []string // extra git commit arguments
	}{
		{name: "staged .gitleaksignore", staged: map[string]string{"a.env": leak, ".gitleaksignore": "a.env:github-pat:1\n"}},
		{name: "staged config", staged: map[string]string{"a.env": leak, ".secretsweep.toml": "[extend]\nuseDefault = true\n[[allowlists]]\npaths = ['''.*''']\n"}},
		{name: "commit -a with .gitleaksignore", staged: map[string]string{"a.env": leak, ".gitleaksignore": "a.env:github-pat:1\n"}, args: []string{"-a"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, "--pre-commit", "--pre-push=false")
			if tt.args != nil {
				// commit -a takes modified tracked files: track them first.
				files := map[string]string{}
				for p := range tt.staged {
					files[p] = "\n"
				}
				f.commit(f.work, "tracked", files)
			}
			before := f.head()
			for p, c := range tt.staged {
				writeFile(t, filepath.Join(f.work, p), c)
				if tt.args == nil {
					f.git(f.work, "add", p)
				}
			}
			_, errOut, err := f.run(f.work, "", "git", append([]string{"commit", "-q", "-m", "leak"}, tt.args...)...)
			if err == nil || f.head() != before || !strings.Contains(errOut, "a.env:1") {
				t.Fatalf("commit not blocked (err %v):\n%s", err, errOut)
			}
			if !strings.Contains(errOut, "is modified by the changes under scan") {
				t.Errorf("commit output does not warn about the settings change:\n%s", errOut)
			}
			if strings.Contains(errOut, leakPAT) {
				t.Fatal("commit output shows the secret")
			}
		})
	}
}
