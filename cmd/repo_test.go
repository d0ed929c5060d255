package cmd

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/secretsweep/secretsweep/internal/awsclient"
	"github.com/secretsweep/secretsweep/internal/testenv"
)

// Fake values, valid in shape only.
const (
	repoTestStripe = "sk_live_FAKE51H8xEXAMPLEq7wKj3Lm9PzR2tY6uV"
	repoTestSource = "package main\n\nconst stripeKey = \"" + repoTestStripe + "\"\n\nfunc main() { println(stripeKey) }\n"
)

// withUmask runs f under umask mask, restoring the previous one after.
func withUmask(t *testing.T, mask int, f func()) {
	t.Helper()
	old := syscall.Umask(mask)
	defer syscall.Umask(old)
	f()
}

// --output honours the umask, and a report holding values (--no-redact)
// is readable by its owner only, even over a world-readable file.
func TestScanOutputMode(t *testing.T) {
	leaky := leakyDir(t)
	tests := []struct {
		name     string
		umask    int
		args     []string
		existing bool // a world-readable report is already there
		want     os.FileMode
	}{
		{name: "redacted, umask 022", umask: 0o022, want: 0o644},
		{name: "redacted, umask 077", umask: 0o077, want: 0o600},
		{name: "redacted, umask 027", umask: 0o027, want: 0o640},
		{name: "no-redact, umask 022", umask: 0o022, args: []string{"--no-redact"}, want: 0o600},
		{name: "no-redact over a world-readable file", umask: 0o022, args: []string{"--no-redact"}, existing: true, want: 0o600},
		{name: "no-redact, umask 000", umask: 0, args: []string{"--no-redact"}, want: 0o600},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "report.json")
			if tt.existing {
				if err := os.WriteFile(out, []byte("[]"), 0o644); err != nil {
					t.Fatal(err)
				}
				if err := os.Chmod(out, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			f, _, errOut := scanFactory()
			withUmask(t, tt.umask, func() {
				args := append([]string{"scan", "-f", "json", "-o", out}, tt.args...)
				if code := Main(append(args, leaky), f); code != ExitLeaks {
					t.Fatalf("exit %d: %s", code, errOut)
				}
			})
			st, err := os.Stat(out)
			if err != nil {
				t.Fatal(err)
			}
			if st.Mode().Perm() != tt.want {
				t.Errorf("report mode %v, want %v", st.Mode().Perm(), tt.want)
			}
		})
	}
}

// A symlink given as the root is scanned as the directory it names, by
// scan, migrate and remediate alike.
func TestSymlinkedRoot(t *testing.T) {
	tmp := t.TempDir()
	real := filepath.Join(tmp, "real")
	if err := os.Mkdir(real, 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"app.py":  "TOKEN = \"" + fakeScanPAT + "\"\n",
		"main.go": repoTestSource,
		".npmrc":  "//registry.npmjs.org/:_authToken=" + remediateNpmToken + "\n",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(real, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := filepath.Join(tmp, "link")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"scan", []string{"scan", link}, ExitLeaks, []string{"app.py:1", "main.go:3", ".npmrc:1"}},
		{"migrate plan", []string{"migrate", "--prefix", "billing", link}, ExitClean, []string{"-> billing/stripeKey"}},
		{"remediate plan", []string{"remediate", link}, ExitLeaks, []string{"npm-access-token", "planned"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, out, errOut := remediateFactory(nil, false)
			if code := Main(tt.args, f); code != tt.code {
				t.Fatalf("exit %d, want %d: %s\n%s", code, tt.code, errOut, out)
			}
			for _, w := range tt.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			for _, v := range []string{fakeScanPAT, repoTestStripe, remediateNpmToken} {
				if strings.Contains(out.String()+errOut.String(), v) {
					t.Error("a secret value was printed")
				}
			}
		})
	}
}

// In a linked worktree (.git is a file) migrate names secrets after the
// repository's origin, and the .secretsweep/ state of migrate and
// remediate stays out of git.
func TestLinkedWorktree(t *testing.T) {
	g := testenv.NewGit(t)
	main, linked := g.Worktree(map[string]string{
		"main.go": repoTestSource,
		".npmrc":  "//registry.npmjs.org/:_authToken=" + remediateNpmToken + "\n",
	})
	g.Git(main, "remote", "add", "origin", "https://github.com/example-owner/payments.git")

	t.Run("migrate plan", func(t *testing.T) {
		f, out, errOut := migrateTestFactory()
		if code := Main([]string{"migrate", linked}, f); code != ExitClean {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		if !strings.Contains(out.String(), "-> payments/stripeKey") {
			t.Errorf("plan does not name the secret after the repository:\n%s", out)
		}
	})

	t.Run("remediate apply", func(t *testing.T) {
		env := map[string]string{"NPM_CONFIG_REGISTRY": npmRegistry(t).URL + "/"}
		f, out, errOut := remediateFactory(env, false)
		if code := Main([]string{"remediate", "--apply", "--only", "npm-access-token", linked}, f); code != ExitClean {
			t.Fatalf("exit %d: %s\n%s", code, errOut, out)
		}
		if _, err := os.Stat(filepath.Join(linked, ".secretsweep", "audit.jsonl")); err != nil {
			t.Fatal(err)
		}
		if st := g.Git(linked, "status", "--porcelain", "--untracked-files=all"); st != "" {
			t.Errorf("git status in the linked worktree:\n%s", st)
		}
	})

	t.Run("migrate patch", func(t *testing.T) {
		testenv.StartMoto(t)
		f, out, errOut := migrateTestFactory()
		f.AWSConfig = awsclient.Load
		patch := filepath.Join(t.TempDir(), "change.patch")
		if code := Main([]string{"migrate", "--patch", patch, linked}, f); code != ExitClean {
			t.Fatalf("exit %d: %s\n%s", code, errOut, out)
		}
		if _, err := os.Stat(filepath.Join(linked, ".secretsweep", "migrate-journal.jsonl")); err != nil {
			t.Fatal(err)
		}
		if st := g.Git(linked, "status", "--porcelain", "--untracked-files=all"); st != "" {
			t.Errorf("git status in the linked worktree:\n%s", st)
		}
		if st, err := os.Stat(patch); err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("patch: %v", err)
		}
	})
}
