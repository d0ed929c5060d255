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

	"github.com/secretsweep/secretsweep/internal/testenv"
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
	code := testenv.Run(m)
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
