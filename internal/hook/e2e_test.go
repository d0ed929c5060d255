package hook

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/secretsweep/secretsweep/scanner"
)

// These tests push through the installed hook with the real git binary and
// the real secretsweep binary, built once per test run.

// Fake but detectable credentials (default rules: github-pat, aws-access-token).
const (
	leakPAT = "ghp_FAKEfake0123456789abcdefFAKEfake0123"
	leakAWS = "AKIA2E3FAKEJ5KQ7MZXB"
)

var leakFile = map[string]string{"config/app.env": "# settings\nGITHUB_TOKEN=" + leakPAT + "\naws_access_key_id = " + leakAWS + "\n"}

var (
	binDir  string
	binOnce sync.Once
	binErr  error
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "secretsweep-hook-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	binDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// secretsweepBin builds ./cmd/secretsweep once and returns its path.
func secretsweepBin(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(binDir, "secretsweep")
	binOnce.Do(func() {
		out, err := exec.Command("go", "build", "-o", bin, "github.com/secretsweep/secretsweep/cmd/secretsweep").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return bin
}

// fixture is a work repository with a bare remote "origin".
type fixture struct {
	*gitEnv
	t            *testing.T
	bin          string
	work, remote string
}

// newFixture creates the repositories, pushes a first clean commit on main
// (without hooks) and installs the hook with installArgs unless nil.
func newFixture(t *testing.T, installArgs ...string) *fixture {
	t.Helper()
	g := newGitEnv(t)
	f := &fixture{gitEnv: g, t: t, bin: secretsweepBin(t)}
	f.remote = g.initRepo(true)
	f.work = g.initRepo(false)
	g.git(f.work, "remote", "add", "origin", f.remote)
	g.commit(f.work, "initial", map[string]string{"README.md": "hello\n"})
	g.git(f.work, "push", "-q", "-u", "origin", "main")
	if installArgs != nil {
		f.secretsweep(0, append([]string{"hook", "install"}, installArgs...)...)
	}
	return f
}

// secretsweep runs the binary in the work tree and checks its exit code.
func (f *fixture) secretsweep(wantCode int, args ...string) string {
	f.t.Helper()
	return f.secretsweepIn(wantCode, "", args...)
}

func (f *fixture) secretsweepIn(wantCode int, stdin string, args ...string) string {
	f.t.Helper()
	out, errOut, err := f.run(f.work, stdin, f.bin, args...)
	if code := exitCode(err); code != wantCode {
		f.t.Fatalf("secretsweep %s: exit %d, want %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, wantCode, out, errOut)
	}
	return out + errOut
}

// push runs git push and reports whether it succeeded, with its stderr.
func (f *fixture) push(args ...string) (bool, string) {
	f.t.Helper()
	_, errOut, err := f.run(f.work, "", "git", append([]string{"push"}, args...)...)
	if err != nil && exitCode(err) < 0 {
		f.t.Fatal(err)
	}
	for _, s := range []string{leakPAT, leakAWS} {
		if strings.Contains(errOut, s) {
			f.t.Fatalf("push output shows a secret value:\n%s", errOut)
		}
	}
	return err == nil, errOut
}

// remoteRef returns the remote's value of a branch ("" when absent).
func (f *fixture) remoteRef(branch string) string {
	out, _, err := f.run(f.remote, "", "git", "rev-parse", "-q", "--verify", "refs/heads/"+branch)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(out)
}

func (f *fixture) head() string { return f.git(f.work, "rev-parse", "HEAD") }

func exitCode(err error) int {
	if err == nil {
		return 0
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	return -1
}

// mustBlock asserts a push was refused with a readable report.
func (f *fixture) mustBlock(ok bool, out string, wantIn ...string) {
	f.t.Helper()
	if ok {
		f.t.Fatalf("push succeeded, want it blocked\n%s", out)
	}
	for _, s := range append([]string{"push blocked", "--no-verify", "gitleaks:allow", ".gitleaksignore"}, wantIn...) {
		if !strings.Contains(out, s) {
			f.t.Errorf("push output lacks %q:\n%s", s, out)
		}
	}
}

func (f *fixture) mustPass(ok bool, out string) {
	f.t.Helper()
	if !ok {
		f.t.Fatalf("push blocked, want it allowed\n%s", out)
	}
}

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

func TestHookRepositorySettingsApply(t *testing.T) {
	tests := []struct {
		name  string
		setup func(f *fixture) // before the leak is committed
		files map[string]string
	}{
		{
			name:  "gitleaks:allow comment",
			files: map[string]string{"a.env": "GITHUB_TOKEN=" + leakPAT + " # gitleaks:allow\n"},
		},
		{
			name:  "config allowlist",
			files: map[string]string{"fixtures/a.env": "GITHUB_TOKEN=" + leakPAT + "\n"},
			setup: func(f *fixture) {
				f.commit(f.work, "config", map[string]string{".secretsweep.toml": "[extend]\nuseDefault = true\n\n[allowlist]\npaths = ['''^fixtures/''']\n"})
			},
		},
		{
			name:  "gitleaksignore global fingerprint",
			files: map[string]string{"a.env": "GITHUB_TOKEN=" + leakPAT + "\n"},
			setup: func(f *fixture) {
				f.commit(f.work, "ignore", map[string]string{".gitleaksignore": "a.env:github-pat:1\n"})
			},
		},
		{
			name:  "conventional baseline at the root",
			files: map[string]string{"a.env": "GITHUB_TOKEN=" + leakPAT + "\n"},
			setup: func(f *fixture) {
				writeFile(f.t, filepath.Join(f.work, BaselineFile),
					fmt.Sprintf(`[{"RuleID":"github-pat","File":"a.env","SecretSHA256":%q}]`, scanner.SecretHash(leakPAT)))
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, "")
			if tt.setup != nil {
				tt.setup(f)
			}
			f.commit(f.work, "allowed", tt.files)
			ok, out := f.push("origin", "main")
			f.mustPass(ok, out)
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
