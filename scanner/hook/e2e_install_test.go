package hook

// End-to-end tests of install, chaining and uninstall through the binary.

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// foreignPrePush logs its arguments and stdin, and fails when told to.
const foreignPrePush = `#!/bin/sh
echo "args: $*" >> "$(dirname "$0")/../foreign.log"
cat >> "$(dirname "$0")/../foreign.log"
if [ -e "$(dirname "$0")/../foreign.fail" ]; then echo "foreign hook says no" >&2; exit 3; fi
exit 0
`

func TestHookInstallExistingHook(t *testing.T) {
	f := newFixture(t)
	hooks := filepath.Join(f.work, ".git", "hooks")
	writeFile(t, filepath.Join(hooks, "pre-push"), foreignPrePush)

	out := f.secretsweep(2, "hook", "install")
	if !strings.Contains(out, "--chain") || !strings.Contains(out, "--force") {
		t.Errorf("refusal does not explain the options: %s", out)
	}
	if got, _ := os.ReadFile(filepath.Join(hooks, "pre-push")); string(got) != foreignPrePush {
		t.Fatal("refused install changed the existing hook")
	}
	f.secretsweep(2, "hook", "install", "--chain", "--force")

	f.secretsweep(0, "hook", "install", "--chain")
	f.commit(f.work, "clean", map[string]string{"a.txt": "a\n"})
	ok, pushOut := f.push("origin", "main")
	f.mustPass(ok, pushOut)
	log, err := os.ReadFile(filepath.Join(f.work, ".git", "foreign.log"))
	if err != nil {
		t.Fatalf("chained hook did not run: %v", err)
	}
	if !strings.Contains(string(log), "args: origin "+f.remote) || !strings.Contains(string(log), "refs/heads/main "+f.head()) {
		t.Errorf("chained hook did not get git's arguments and input:\n%s", log)
	}

	// The chained hook's verdict counts.
	writeFile(t, filepath.Join(f.work, ".git", "foreign.fail"), "")
	f.commit(f.work, "clean 2", map[string]string{"b.txt": "b\n"})
	ok, pushOut = f.push("origin", "main")
	if ok || !strings.Contains(pushOut, "foreign hook says no") {
		t.Errorf("failing chained hook did not block the push:\n%s", pushOut)
	}
	os.Remove(filepath.Join(f.work, ".git", "foreign.fail"))

	// And ours still blocks leaks.
	f.commit(f.work, "leak", leakFile)
	ok, pushOut = f.push("origin", "main")
	f.mustBlock(ok, pushOut, "github-pat")

	// Uninstall puts the original back, byte for byte.
	f.secretsweep(0, "hook", "uninstall")
	if got, _ := os.ReadFile(filepath.Join(hooks, "pre-push")); string(got) != foreignPrePush {
		t.Errorf("uninstall did not restore the chained hook:\n%s", got)
	}
	if _, err := os.Stat(filepath.Join(hooks, "pre-push"+ChainedSuffix)); err == nil {
		t.Error("chained copy left behind")
	}
}

func TestHookInstallForce(t *testing.T) {
	f := newFixture(t)
	hooks := filepath.Join(f.work, ".git", "hooks")
	writeFile(t, filepath.Join(hooks, "pre-push"), foreignPrePush)
	out := f.secretsweep(0, "hook", "install", "--force")
	if !strings.Contains(out, "replaced pre-push hook") {
		t.Errorf("install --force output: %s", out)
	}
	got, _ := os.ReadFile(filepath.Join(hooks, "pre-push"))
	if !IsOurs(got) {
		t.Fatal("--force did not install our hook")
	}
	// Installing again updates in place without --force.
	if out := f.secretsweep(0, "hook", "install"); !strings.Contains(out, "updated pre-push hook") {
		t.Errorf("reinstall output: %s", out)
	}
}

func TestHookUninstallOnlyOurs(t *testing.T) {
	f := newFixture(t)
	hooks := filepath.Join(f.work, ".git", "hooks")
	foreignPreCommit := "#!/bin/sh\nexit 0\n"
	writeFile(t, filepath.Join(hooks, "pre-commit"), foreignPreCommit)
	f.secretsweep(0, "hook", "install")
	out := f.secretsweep(0, "hook", "uninstall")
	if !strings.Contains(out, "removed pre-push hook") || !strings.Contains(out, "left pre-commit hook alone") {
		t.Errorf("uninstall output: %s", out)
	}
	if _, err := os.Stat(filepath.Join(hooks, "pre-push")); err == nil {
		t.Error("pre-push hook still there")
	}
	if got, _ := os.ReadFile(filepath.Join(hooks, "pre-commit")); string(got) != foreignPreCommit {
		t.Error("foreign pre-commit hook was touched")
	}
	// Uninstalling again is a no-op.
	f.secretsweep(0, "hook", "uninstall")
}

// TestHookInstallWhereGitRunsHooks installs through the binary wherever git
// takes its hooks from and proves git runs the hook: a push with a leak is
// blocked and never reaches the remote.
func TestHookInstallWhereGitRunsHooks(t *testing.T) {
	tests := []struct {
		name string
		// setup configures the repository (or the environment) and returns
		// the directory to run install and push from.
		setup func(f *fixture) string
	}{
		{name: "plain repository", setup: func(f *fixture) string { return f.work }},
		{name: "core.hooksPath in .git/config", setup: func(f *fixture) string {
			f.git(f.work, "config", "core.hooksPath", ".githooks")
			return f.work
		}},
		{name: "core.hooksPath in an included file", setup: func(f *fixture) string {
			inc := filepath.Join(f.home, "team.gitconfig")
			writeFile(f.t, inc, "[core]\n\thooksPath = "+filepath.Join(f.home, "team-hooks")+"\n")
			f.git(f.work, "config", "include.path", inc)
			return f.work
		}},
		{name: "core.hooksPath in an included file, relative", setup: func(f *fixture) string {
			writeFile(f.t, filepath.Join(f.work, ".git", "hooks.inc"), "[core]\n\thooksPath = tools/hooks\n")
			f.git(f.work, "config", "include.path", "hooks.inc")
			sub := filepath.Join(f.work, "src", "pkg")
			if err := os.MkdirAll(sub, 0o755); err != nil {
				f.t.Fatal(err)
			}
			return sub
		}},
		{name: "core.hooksPath from GIT_CONFIG_COUNT", setup: func(f *fixture) string {
			f.set("GIT_CONFIG_COUNT", "1")
			f.set("GIT_CONFIG_KEY_0", "core.hooksPath")
			f.set("GIT_CONFIG_VALUE_0", filepath.Join(f.home, "env-hooks"))
			return f.work
		}},
		{name: "linked worktree", setup: func(f *fixture) string {
			wt := filepath.Join(f.t.TempDir(), "wt")
			f.git(f.work, "worktree", "add", "-q", "-b", "side", wt)
			return wt
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			dir := tt.setup(f)
			want := f.git(dir, "rev-parse", "--path-format=absolute", "--git-path", "hooks")
			out, errOut, err := f.run(dir, "", f.bin, "hook", "install")
			if err != nil {
				t.Fatalf("install: %v\n%s%s", err, out, errOut)
			}
			if !strings.Contains(out, filepath.Join(want, "pre-push")) {
				t.Errorf("install output %q does not name %s", out, filepath.Join(want, "pre-push"))
			}
			branch := f.git(dir, "rev-parse", "--abbrev-ref", "HEAD")
			before := f.remoteRef(branch)
			f.commit(dir, "add config", leakFile)
			_, pushErr, err := f.run(dir, "", "git", "push", "origin", branch)
			if err == nil || !strings.Contains(pushErr, "push blocked") {
				t.Fatalf("git did not run the installed hook (push err %v):\n%s", err, pushErr)
			}
			if got := f.remoteRef(branch); got != before {
				t.Errorf("remote %s moved to %s", branch, got)
			}
			// Uninstall finds the same hook.
			out, errOut, err = f.run(dir, "", f.bin, "hook", "uninstall")
			if err != nil || !strings.Contains(out, "removed pre-push hook") {
				t.Fatalf("uninstall: %v\n%s%s", err, out, errOut)
			}
			if _, err := os.Stat(filepath.Join(want, "pre-push")); !os.IsNotExist(err) {
				t.Errorf("hook still at %s after uninstall (%v)", want, err)
			}
		})
	}
}
