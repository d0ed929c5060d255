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
