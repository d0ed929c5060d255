package migrate

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
	binOut  []byte
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// secretsweepBinary builds the CLI once for the tests that run it as a
// separate process (to kill it).
func secretsweepBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "secretsweep-bin")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "secretsweep")
		cmd := exec.Command("go", "build", "-o", binPath, "github.com/secretsweep/secretsweep/cmd/secretsweep")
		binOut, binErr = cmd.CombinedOutput()
	})
	if binErr != nil {
		t.Fatalf("build secretsweep: %v\n%s", binErr, binOut)
	}
	return binPath
}

// runCLI runs the binary in dir with extra environment and returns its
// stdout, stderr and exit state.
func runCLI(t *testing.T, dir string, env []string, args ...string) (string, string, *os.ProcessState) {
	t.Helper()
	cmd := exec.Command(secretsweepBinary(t), args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatalf("run secretsweep: %v", err)
	}
	assertNoValues(t, "CLI stdout", out.String())
	assertNoValues(t, "CLI stderr", errOut.String())
	return out.String(), errOut.String(), cmd.ProcessState
}

func killed(ps *os.ProcessState) bool {
	ws, ok := ps.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL
}

// TestCrashAndResume kills `secretsweep migrate --apply` right after each
// kind of journal step (the SECRETSWEEP_CRASH_AFTER test hook sends the
// process SIGKILL), runs it again, and checks the migration finished as an
// uninterrupted one does: every secret stored once (one version) with its
// value, every file rewritten once, to the same content.
func TestCrashAndResume(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the CLI")
	}
	api, moto := startMoto(t)
	ref := newFixture(t)
	if out, _, err := runMigrate(t, ref, ModeApply, api, nil); err != nil {
		t.Fatalf("reference run: %v\n%s", err, out)
	}
	want := worktree(t, ref)

	for _, point := range []string{
		"planned:1", "planned:7", "stored:1", "stored:4", "verified:3",
		"verified:6", "manual:1", "file-rewritten:1", "file-rewritten:2",
	} {
		t.Run(strings.ReplaceAll(point, ":", "_"), func(t *testing.T) {
			moto.Reset(t)
			dir := newFixture(t)
			_, _, ps := runCLI(t, dir, []string{"SECRETSWEEP_CRASH_AFTER=" + point}, "migrate", "--apply", ".")
			if !killed(ps) {
				if ps.ExitCode() != 0 {
					t.Fatalf("interrupted run exited %d", ps.ExitCode())
				}
				t.Logf("%s: that step does not occur %s times with today's rewriters; the run completed", point, point[strings.Index(point, ":")+1:])
			}
			out, stderr, ps := runCLI(t, dir, nil, "migrate", "--apply", ".")
			if ps.ExitCode() != 0 {
				t.Fatalf("resumed run exited %d: %s\n%s", ps.ExitCode(), stderr, out)
			}
			checkStored(t, api)
			if d := diffSnapshots(want, worktree(t, dir)); len(d) > 0 {
				t.Errorf("after crash at %s and re-run, files differ from an uninterrupted run: %v", point, d)
			}
			// A third run is a no-op.
			before := worktree(t, dir)
			if _, stderr, ps := runCLI(t, dir, nil, "migrate", "--apply", "."); ps.ExitCode() != 0 {
				t.Fatalf("third run exited %d: %s", ps.ExitCode(), stderr)
			}
			if d := diffSnapshots(before, worktree(t, dir)); len(d) > 0 {
				t.Errorf("third run changed %v", d)
			}
			checkStored(t, api)
		})
	}
}

// TestCLIExitCodes runs the CLI for a usage error and a partial failure.
func TestCLIExitCodes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the CLI")
	}
	api, _ := startMoto(t)
	dir := newFixture(t)
	if _, stderr, ps := runCLI(t, dir, nil, "migrate", "--apply", "--pr", "."); ps.ExitCode() != 2 || !strings.Contains(stderr, "choose one of") {
		t.Errorf("conflicting modes: exit %d, stderr %q", ps.ExitCode(), stderr)
	}
	out, _, ps := runCLI(t, dir, nil, "migrate", ".")
	if ps.ExitCode() != 0 || !strings.Contains(out, "nothing has been written") {
		t.Errorf("plan: exit %d", ps.ExitCode())
	}
	if _, err := api.CreateSecret(t.Context(), createInput("payments/NPM_TOKEN", "npm_FAKEdifferentEXAMPLE000000000000000")); err != nil {
		t.Fatal(err)
	}
	out, stderr, ps := runCLI(t, dir, nil, "migrate", "--apply", ".")
	if ps.ExitCode() != 2 || !strings.Contains(stderr, "migration incomplete: 1 of 7 finding(s) stopped") ||
		!strings.Contains(out, "Stopped (1)") || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
		t.Errorf("partial failure: exit %d, stderr %q\n%s", ps.ExitCode(), stderr, out)
	}
}
