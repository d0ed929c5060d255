package testenv

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// childEnv makes this test binary a child of TestRunReportsSkips: its
// TestRequireChild then skips two tests for a missing fake dependency.
const childEnv = "SECRETSWEEP_TESTENV_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		ttyPath = "" // the parent reads the child's stderr; keep the terminal quiet
	}
	os.Exit(Run(m))
}

// TestRequireChild does its work only as a child (see childEnv).
func TestRequireChild(t *testing.T) {
	if os.Getenv(childEnv) == "" {
		return
	}
	for _, name := range []string{"a", "b"} {
		t.Run(name, func(t *testing.T) {
			Require(t, false, "fake-service", "apt-get install fake-service")
			t.Error("Require returned for a missing dependency")
		})
	}
	Require(t, true, "present-service", "nothing")
}

// runChild runs TestRequireChild in a child with the environment minus CI,
// plus env.
func runChild(t *testing.T, env ...string) (string, int) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^TestRequireChild$")
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "CI=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, append([]string{childEnv + "=1"}, env...)...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err = cmd.Run()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatal(err)
	}
	return out.String(), cmd.ProcessState.ExitCode()
}

// TestRunReportsSkips: a test binary whose tests skip for a missing
// dependency passes and prints one SKIPPED INTEGRATION line for it, without
// -test.v; under CI it fails instead.
func TestRunReportsSkips(t *testing.T) {
	start := time.Now().Truncate(time.Second)
	out, code := runChild(t)
	const want = "SKIPPED INTEGRATION: internal/testenv: fake-service is not available (install: apt-get install fake-service): " +
		"2 test(s) skipped: TestRequireChild/a, TestRequireChild/b\n"
	if code != 0 || strings.Count(out, "SKIPPED INTEGRATION") != 1 || !strings.Contains(out, want) {
		t.Errorf("child exited %d, want 0 and one line %q; output:\n%s", code, want, out)
	}
	// The file that keeps the run out of go test's cache was opened and
	// then touched when the tests had ended.
	root, _ := modulePackage()
	fi, err := os.Stat(filepath.Join(root, ".testenv", "internal_testenv.skipped"))
	if err != nil || fi.ModTime().Before(start) {
		t.Errorf("cache marker: %v", err)
	}

	out, code = runChild(t, "CI=true")
	if code == 0 || strings.Contains(out, "SKIPPED INTEGRATION") || !strings.Contains(out, "scripts/test should have installed it") {
		t.Errorf("under CI: exit %d, output:\n%s", code, out)
	}
}

// fatalRecorder is a testing.TB whose Fatalf and Skipf stop the caller
// with a panic that the test recovers.
type fatalRecorder struct {
	testing.TB
	fatal string
}

func (r *fatalRecorder) Helper()      {}
func (r *fatalRecorder) Name() string { return "TestX" }
func (r *fatalRecorder) Fatalf(format string, args ...any) {
	r.fatal = fmt.Sprintf(format, args...)
	panic(r)
}
func (r *fatalRecorder) Skipf(string, ...any) { panic(r) }

// TestRequireNeedsRun: Require in a package whose TestMain does not call
// Run fails, present dependency or not, since its skips would go unseen.
func TestRequireNeedsRun(t *testing.T) {
	state.Lock()
	state.running = false
	state.Unlock()
	defer func() {
		state.Lock()
		state.running = true
		state.Unlock()
	}()
	for _, ok := range []bool{true, false} {
		r := &fatalRecorder{TB: t}
		func() {
			defer func() { _ = recover() }()
			Require(r, ok, "moto_server", "pip install 'moto[server]'")
		}()
		if !strings.Contains(r.fatal, "does not call testenv.Run") {
			t.Errorf("Require(ok=%v) without Run: fatal %q", ok, r.fatal)
		}
	}
}
