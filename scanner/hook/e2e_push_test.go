package hook

// End-to-end tests of pushes through the installed pre-push hook.

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/internal/finding"
)

func TestHookPushBlocksLeak(t *testing.T) {
	f := newFixture(t)
	f.secretsweep(0, "hook", "install")
	before := f.remoteRef("main")
	f.commit(f.work, "add config", leakFile)
	ok, out := f.push("origin", "main")
	f.mustBlock(ok, out, "config/app.env:2", "github-pat", "config/app.env:3", "aws-access-token", "add config")
	if got := f.remoteRef("main"); got != before {
		t.Errorf("remote main moved to %s", got)
	}
	// The escape hatch.
	ok, out = f.push("--no-verify", "origin", "main")
	f.mustPass(ok, out)
	if got := f.remoteRef("main"); got != f.head() {
		t.Errorf("remote main = %s, want %s", got, f.head())
	}
}

func TestHookPushAllowsClean(t *testing.T) {
	f := newFixture(t, "")
	f.commit(f.work, "one", map[string]string{"a.txt": "one\n"})
	f.commit(f.work, "two", map[string]string{"b.txt": "two\n"})
	ok, out := f.push("origin", "main")
	f.mustPass(ok, out)
	if !strings.Contains(out, "no leaks in 2 commit(s)") {
		t.Errorf("push output lacks the summary:\n%s", out)
	}
	if got := f.remoteRef("main"); got != f.head() {
		t.Errorf("remote main = %s, want %s", got, f.head())
	}
}

func TestHookPushLeakInOlderCommit(t *testing.T) {
	f := newFixture(t, "")
	f.commit(f.work, "add config", leakFile)
	f.commit(f.work, "remove it again", map[string]string{"config/app.env": "# settings\n"})
	ok, out := f.push("origin", "main")
	f.mustBlock(ok, out, "github-pat")
}

func TestHookPushOnlyScansNewCommits(t *testing.T) {
	f := newFixture(t, "")
	f.commit(f.work, "add config", leakFile)
	ok, out := f.push("--no-verify", "origin", "main")
	f.mustPass(ok, out)
	// The leak is on the remote already; a later clean push is not blocked by it.
	f.commit(f.work, "docs", map[string]string{"docs.md": "text\n"})
	ok, out = f.push("origin", "main")
	f.mustPass(ok, out)
}

func TestHookPushNewBranch(t *testing.T) {
	f := newFixture(t, "")
	f.commit(f.work, "add config", leakFile)
	ok, out := f.push("--no-verify", "origin", "main")
	f.mustPass(ok, out)

	// A new branch is scanned for commits on no remote-tracking ref: the
	// leak on origin/main is not reported again.
	f.git(f.work, "switch", "-q", "-c", "feature")
	f.commit(f.work, "feature work", map[string]string{"feature.txt": "ok\n"})
	ok, out = f.push("-u", "origin", "feature")
	f.mustPass(ok, out)
	if !strings.Contains(out, "no leaks in 1 commit(s)") {
		t.Errorf("new branch scanned more than its own commit:\n%s", out)
	}

	f.git(f.work, "switch", "-q", "-c", "leaky", "main~1")
	f.commit(f.work, "oops", map[string]string{"deploy.sh": "export TOKEN=" + leakPAT + "\n"})
	ok, out = f.push("origin", "leaky")
	f.mustBlock(ok, out, "deploy.sh:1", "github-pat")
	if f.remoteRef("leaky") != "" {
		t.Error("blocked new branch exists on the remote")
	}
}

func TestHookPushForce(t *testing.T) {
	f := newFixture(t, "")
	base := f.head()
	f.commit(f.work, "clean", map[string]string{"a.txt": "a\n"})
	ok, out := f.push("origin", "main")
	f.mustPass(ok, out)
	pushed := f.remoteRef("main")

	// Rewrite history: the new tip is not a descendant of the remote's.
	f.git(f.work, "reset", "-q", "--hard", base)
	f.commit(f.work, "rewritten with a leak", leakFile)
	ok, out = f.push("--force", "origin", "main")
	f.mustBlock(ok, out, "github-pat")
	if got := f.remoteRef("main"); got != pushed {
		t.Errorf("remote main moved to %s", got)
	}

	f.git(f.work, "reset", "-q", "--hard", base)
	f.commit(f.work, "rewritten clean", map[string]string{"b.txt": "b\n"})
	ok, out = f.push("--force", "origin", "main")
	f.mustPass(ok, out)
}

func TestHookPushForceOverUnknownRemoteCommit(t *testing.T) {
	f := newFixture(t, "")
	// Someone else pushes a commit this clone has never fetched.
	other := filepath.Join(t.TempDir(), "other")
	f.git(f.work, "clone", "-q", f.remote, other)
	f.commit(other, "theirs", map[string]string{"theirs.txt": "x\n"})
	f.git(other, "push", "-q", "origin", "main")

	f.commit(f.work, "ours with a leak", leakFile)
	ok, out := f.push("--force", "origin", "main")
	f.mustBlock(ok, out, "github-pat")

	f.git(f.work, "reset", "-q", "--hard", "HEAD~1")
	f.commit(f.work, "ours clean", map[string]string{"ours.txt": "y\n"})
	ok, out = f.push("--force", "origin", "main")
	f.mustPass(ok, out)
}

func TestHookPushSeveralRefs(t *testing.T) {
	f := newFixture(t, "")
	f.git(f.work, "branch", "clean")
	f.git(f.work, "switch", "-q", "clean")
	f.commit(f.work, "clean work", map[string]string{"c.txt": "c\n"})
	f.git(f.work, "switch", "-q", "-c", "dirty", "main")
	f.commit(f.work, "dirty work", leakFile)
	f.git(f.work, "switch", "-q", "main")
	f.commit(f.work, "main work", map[string]string{"m.txt": "m\n"})

	ok, out := f.push("origin", "main", "clean", "dirty")
	f.mustBlock(ok, out, "github-pat", "dirty work")
	for _, b := range []string{"clean", "dirty"} {
		if f.remoteRef(b) != "" {
			t.Errorf("branch %s reached the remote although the push was blocked", b)
		}
	}

	ok, out = f.push("origin", "main", "clean")
	f.mustPass(ok, out)
	if f.remoteRef("clean") == "" || f.remoteRef("main") != f.head() {
		t.Error("clean refs were not pushed")
	}
}

func TestHookPushDeletedBranch(t *testing.T) {
	f := newFixture(t, "")
	f.git(f.work, "switch", "-q", "-c", "old")
	f.commit(f.work, "leak on old", leakFile)
	ok, out := f.push("--no-verify", "origin", "old")
	f.mustPass(ok, out)
	f.git(f.work, "switch", "-q", "main")
	f.commit(f.work, "main work", map[string]string{"m.txt": "m\n"})

	// Deleting a branch pushes no commits, even one holding a leak, and
	// does not hide what the other refs of the same push carry.
	ok, out = f.push("origin", "--delete", "old")
	f.mustPass(ok, out)
	if f.remoteRef("old") != "" {
		t.Error("old was not deleted")
	}
	f.git(f.work, "push", "-q", "--no-verify", "origin", "old")
	ok, out = f.push("origin", ":old", "main")
	f.mustPass(ok, out)
}

func TestHookPushAnnotatedTag(t *testing.T) {
	f := newFixture(t, "")
	f.git(f.work, "switch", "-q", "-c", "release")
	f.commit(f.work, "release with a leak", leakFile)
	f.git(f.work, "tag", "-a", "-m", "v1", "v1")
	f.git(f.work, "switch", "-q", "main")
	ok, out := f.push("origin", "v1")
	f.mustBlock(ok, out, "github-pat")
}

func TestHookPushCoreHooksPath(t *testing.T) {
	f := newFixture(t)
	f.git(f.work, "config", "core.hooksPath", ".githooks")
	out := f.secretsweep(0, "hook", "install")
	want := filepath.Join(f.work, ".githooks", "pre-push")
	if !strings.Contains(out, want) {
		t.Errorf("install output %q does not name %s", out, want)
	}
	if _, err := os.Stat(filepath.Join(f.work, ".git", "hooks", "pre-push")); err == nil {
		t.Error("hook written to .git/hooks despite core.hooksPath")
	}
	f.commit(f.work, "add config", leakFile)
	ok, pushOut := f.push("origin", "main")
	f.mustBlock(ok, pushOut, "github-pat")
}

// settingsCommit commits settings files and pushes them: the remote's tip
// is what the hook trusts.
func (f *fixture) settingsCommit(files map[string]string) {
	f.t.Helper()
	f.commit(f.work, "settings", files)
	ok, out := f.push("origin", "HEAD")
	f.mustPass(ok, out)
}

func TestHookRepositorySettingsApply(t *testing.T) {
	tests := []struct {
		name  string
		setup func(f *fixture) // before the leak is committed
		files map[string]string
		// branch, when set, is pushed as a new branch instead of main.
		branch string
	}{
		{
			name:  "gitleaks:allow comment",
			files: map[string]string{"a.env": "GITHUB_TOKEN=" + leakPAT + " # gitleaks:allow\n"},
		},
		{
			name:  "config allowlist",
			files: map[string]string{"fixtures/a.env": "GITHUB_TOKEN=" + leakPAT + "\n"},
			setup: func(f *fixture) {
				f.settingsCommit(map[string]string{".secretsweep.toml": "[extend]\nuseDefault = true\n\n[allowlist]\npaths = ['''^fixtures/''']\n"})
			},
		},
		{
			name:   "config allowlist, new branch",
			files:  map[string]string{"fixtures/a.env": "GITHUB_TOKEN=" + leakPAT + "\n"},
			branch: "feature",
			setup: func(f *fixture) {
				f.settingsCommit(map[string]string{".secretsweep.toml": "[extend]\nuseDefault = true\n\n[allowlist]\npaths = ['''^fixtures/''']\n"})
			},
		},
		{
			name:  "gitleaksignore global fingerprint",
			files: map[string]string{"a.env": "GITHUB_TOKEN=" + leakPAT + "\n"},
			setup: func(f *fixture) {
				f.settingsCommit(map[string]string{".gitleaksignore": "a.env:github-pat:1\n"})
			},
		},
		{
			name:  "conventional baseline at the root, written before keyed hashes",
			files: map[string]string{"a.env": "GITHUB_TOKEN=" + leakPAT + "\n"},
			setup: func(f *fixture) {
				f.settingsCommit(map[string]string{BaselineFile: fmt.Sprintf("[\n {\n  \"RuleID\": \"github-pat\",\n  \"File\": \"a.env\",\n  \"SecretSHA256\": %q\n }\n]\n", finding.PlainSHA256(leakPAT))})
			},
		},
		{
			name:  "conventional baseline at the root, keyed with SECRETSWEEP_HASH_KEY",
			files: map[string]string{"a.env": "GITHUB_TOKEN=" + leakPAT + "\n"},
			setup: func(f *fixture) {
				key := bytes.Repeat([]byte{0x5a}, 32) // fake
				h, err := finding.NewHasher(key)
				if err != nil {
					f.t.Fatal(err)
				}
				f.set("SECRETSWEEP_HASH_KEY", hex.EncodeToString(key))
				f.settingsCommit(map[string]string{BaselineFile: fmt.Sprintf(`[{"RuleID":"github-pat","File":"a.env","Secret":"REDACTED","SecretHash":%q}]`, h.Sum(leakPAT))})
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, "")
			if tt.setup != nil {
				tt.setup(f)
			}
			branch := "main"
			if tt.branch != "" {
				branch = tt.branch
				f.git(f.work, "switch", "-q", "-c", branch)
			}
			f.commit(f.work, "allowed", tt.files)
			ok, out := f.push("origin", branch)
			f.mustPass(ok, out)
		})
	}
}

// The commits being pushed do not steer their own scan: settings come from
// the remote's tip (the remote-tracking ref), never from the push or the
// working tree, and the hook says when the push changes them.
func TestHookPushCannotSilenceItself(t *testing.T) {
	allowAll := "[extend]\nuseDefault = true\n[[allowlists]]\npaths = ['''.*''']\n"
	leak := "GITHUB_TOKEN=" + leakPAT + "\n"
	tests := []struct {
		name     string
		files    map[string]string // committed with the leak
		worktree map[string]string // left uncommitted
		branch   string            // new branch instead of main
		warn     string
	}{
		{name: "own fingerprint in .gitleaksignore", files: map[string]string{"a.env": leak, ".gitleaksignore": "a.env:github-pat:1\n"}, warn: ".gitleaksignore"},
		{name: "allow-all config", files: map[string]string{"a.env": leak, ".secretsweep.toml": allowAll}, warn: ".secretsweep.toml"},
		{name: "allow-all gitleaks config", files: map[string]string{"a.env": leak, ".gitleaks.toml": allowAll}, warn: ".gitleaks.toml"},
		{name: "own baseline", files: map[string]string{"a.env": leak, BaselineFile: fmt.Sprintf(`[{"RuleID":"github-pat","File":"a.env","SecretSHA256":%q}]`, finding.PlainSHA256(leakPAT))}, warn: BaselineFile},
		{name: "new branch with allow-all config", branch: "feature", files: map[string]string{"a.env": leak, ".secretsweep.toml": allowAll}, warn: ".secretsweep.toml"},
		{name: "uncommitted settings", files: map[string]string{"a.env": leak}, worktree: map[string]string{".gitleaksignore": "a.env:github-pat:1\n", ".secretsweep.toml": allowAll, BaselineFile: "[]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, "")
			branch := "main"
			if tt.branch != "" {
				branch = tt.branch
				f.git(f.work, "switch", "-q", "-c", branch)
			}
			f.commit(f.work, "leak and settings", tt.files)
			for name, content := range tt.worktree {
				writeFile(t, filepath.Join(f.work, name), content)
			}
			ok, out := f.push("origin", branch)
			f.mustBlock(ok, out, "a.env:1", "github-pat")
			if tt.warn != "" && !strings.Contains(out, "warning: "+tt.warn+" is modified by the changes under scan") {
				t.Errorf("push output does not warn about %s:\n%s", tt.warn, out)
			}
		})
	}
}

func TestHookRunPrePushDirect(t *testing.T) {
	f := newFixture(t)
	base := f.head()
	f.commit(f.work, "leak", leakFile)
	tip := f.head()
	z := strings.Repeat("0", 40)

	t.Run("synthetic stdin", func(t *testing.T) {
		out := f.secretsweepIn(1, "refs/heads/main "+tip+" refs/heads/main "+base+"\n", "hook", "run-pre-push", "origin", f.remote)
		if !strings.Contains(out, "github-pat") {
			t.Errorf("output: %s", out)
		}
		f.secretsweepIn(0, "(delete) "+z+" refs/heads/gone "+base+"\n", "hook", "run-pre-push", "origin", f.remote)
		f.secretsweepIn(0, "refs/heads/main "+base+" refs/heads/main "+base+"\n", "hook", "run-pre-push", "origin", f.remote)
	})
	t.Run("malformed stdin", func(t *testing.T) {
		out := f.secretsweepIn(2, "refs/heads/main nope\n", "hook", "run-pre-push")
		if !strings.Contains(out, "pre-push input line 1") {
			t.Errorf("output: %s", out)
		}
	})
	t.Run("pre-commit framework variables", func(t *testing.T) {
		f.set("PRE_COMMIT_FROM_REF", base)
		f.set("PRE_COMMIT_TO_REF", tip)
		f.secretsweepIn(1, "", "hook", "run-pre-push")
		f.set("PRE_COMMIT_TO_REF", base)
		f.secretsweepIn(0, "", "hook", "run-pre-push")
		// A branch pushed with its root commit: no FROM/TO, only the branch.
		f.set("PRE_COMMIT_FROM_REF", "")
		f.set("PRE_COMMIT_TO_REF", "")
		f.set("PRE_COMMIT_LOCAL_BRANCH", "refs/heads/main")
		f.secretsweepIn(1, "", "hook", "run-pre-push")
	})
	t.Run("not a repository", func(t *testing.T) {
		_, errOut, err := f.run(t.TempDir(), "", f.bin, "hook", "run-pre-push")
		if exitCode(err) != 2 || !strings.Contains(errOut, "not a git repository") {
			t.Errorf("exit %d: %s", exitCode(err), errOut)
		}
	})
}

func TestHookPushFromLinkedWorktree(t *testing.T) {
	f := newFixture(t, "")
	wt := filepath.Join(t.TempDir(), "wt")
	f.git(f.work, "worktree", "add", "-q", "-b", "side", wt)
	f.commit(wt, "leak in a worktree", leakFile)
	_, errOut, err := f.run(wt, "", "git", "push", "origin", "side")
	if err == nil || !strings.Contains(errOut, "push blocked") || strings.Contains(errOut, leakPAT) {
		t.Fatalf("push from a linked worktree not blocked (err %v):\n%s", err, errOut)
	}
}
