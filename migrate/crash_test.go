package migrate

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	sm "github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/secretsweep/secretsweep/internal/awsclient"
	"github.com/secretsweep/secretsweep/internal/ghclient"
	"github.com/secretsweep/secretsweep/internal/testenv"
	"github.com/secretsweep/secretsweep/migrate/gitops"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
	binOut  []byte
)

func TestMain(m *testing.M) {
	if spec := os.Getenv(crashChildEnv); spec != "" {
		os.Exit(crashChild(spec))
	}
	code := testenv.Run(m)
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// crashChildEnv, set in the environment of this test binary, makes it run
// one migration of its working directory instead of the tests (see
// crashChild). The crash switch lives here, in the tests, and not in the
// secretsweep binary.
const crashChildEnv = "SECRETSWEEP_TEST_CRASH_CHILD"

// crashSpec is what a crash child runs: the options `secretsweep migrate`
// builds for the same flags, and the journal step ("stored:2": after the
// second stored entry) after which it kills itself.
type crashSpec struct {
	After       string
	Mode        Mode
	GroupByFile bool
	Prefix      string
	Repo        string // --github-repo, for ModePR
}

// crashChild runs the migration spec describes, configured from the
// environment as the CLI is (moto's AWS settings, GITHUB_API_URL,
// GITHUB_TOKEN), with an AfterStep hook that sends the process SIGKILL at
// the named step, so no deferred function or journal flush runs. It
// returns the exit code the CLI would.
func crashChild(spec string) int {
	var cs crashSpec
	if err := json.Unmarshal([]byte(spec), &cs); err != nil {
		fmt.Fprintln(os.Stderr, "crash child:", err)
		return 2
	}
	step, count, _ := strings.Cut(cs.After, ":")
	n, err := strconv.Atoi(count)
	if step == "" || err != nil || n <= 0 {
		fmt.Fprintf(os.Stderr, "crash child: bad step %q\n", cs.After)
		return 2
	}
	ctx := context.Background()
	cfg, err := awsclient.Load(ctx, "")
	if err != nil {
		fmt.Fprintln(os.Stderr, "crash child:", err)
		return 2
	}
	o := Options{Hasher: testHasher, Path: ".", Mode: cs.Mode, GroupByFile: cs.GroupByFile, Prefix: cs.Prefix, Region: cfg.Region,
		Secrets: sm.NewFromConfig(cfg), CallsPerSecretMonth: DefaultCallsPerSecretMonth, Out: os.Stdout, Now: time.Now,
		Scan: testScan, Git: gitops.Git{},
		AfterStep: func(s string, i int) {
			if s == step && i == n {
				if p, err := os.FindProcess(os.Getpid()); err == nil {
					_ = p.Kill() // SIGKILL: no deferred function runs
				}
				time.Sleep(time.Minute) // the signal lands first
			}
		}}
	if cs.Mode == ModePR {
		gh, err := ghclient.New(http.DefaultClient, os.Getenv)
		if err != nil {
			fmt.Fprintln(os.Stderr, "crash child:", err)
			return 2
		}
		o.PR = testPR(gitops.PROptions{Repo: cs.Repo, GitHub: gh, Token: ghclient.Token(os.Getenv), Now: time.Now})
	}
	if _, err := Run(ctx, o); err != nil {
		fmt.Fprintln(os.Stderr, "crash child:", err)
		return 2
	}
	return 0
}

// runCrashChild runs this test binary as a crash child in dir and returns
// how it ended.
func runCrashChild(t *testing.T, dir string, env []string, cs crashSpec) *os.ProcessState {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	spec, _ := json.Marshal(cs)
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), append([]string{crashChildEnv + "=" + string(spec)}, env...)...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err = cmd.Run()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatalf("run crash child: %v", err)
	}
	assertNoValues(t, "crash child output", out.String())
	if !killed(cmd.ProcessState) && cmd.ProcessState.ExitCode() != 0 {
		t.Fatalf("crash child at %s exited %d: %s", cs.After, cmd.ProcessState.ExitCode(), out.String())
	}
	return cmd.ProcessState
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
	cmd.Env = append(os.Environ(), append([]string{"SECRETSWEEP_HASH_KEY=" + hex.EncodeToString(testKey)}, env...)...)
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

// TestCrashAndResume kills a migration (`secretsweep migrate --apply`'s
// options, run by a crash child) right after each kind of journal step,
// runs `secretsweep migrate --apply` again, and checks the migration
// finished as an uninterrupted one does: every secret stored once (one
// version) with its value, every file rewritten once, to the same content.
func TestCrashAndResume(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the CLI and kills migrations")
	}
	api, moto := startMoto(t)
	reference := map[bool]map[string]string{}
	for _, group := range []bool{false, true} {
		moto.Reset(t)
		ref := newFixture(t)
		if out, _, err := runMigrate(t, ref, ModeApply, api, func(o *Options) { o.GroupByFile = group }); err != nil {
			t.Fatalf("reference run: %v\n%s", err, out)
		}
		reference[group] = worktree(t, ref)
	}

	kills := 0
	defer func() {
		if kills < 9 {
			t.Errorf("only %d of 11 runs were interrupted; the crash hook is not working", kills)
		}
	}()
	for _, tc := range []struct {
		point string
		group bool
	}{
		{"planned:1", false}, {"planned:7", false}, {"stored:1", false}, {"stored:4", false}, {"verified:3", false},
		{"verified:6", false}, {"manual:1", false}, {"file-rewritten:1", false}, {"file-rewritten:2", false},
		{"stored:3", true}, {"file-rewritten:1", true},
	} {
		name := strings.ReplaceAll(tc.point, ":", "_")
		args := []string{"migrate", "--apply", "."}
		if tc.group {
			name += "_group"
			args = append(args, "--group-by", "file")
		}
		t.Run(name, func(t *testing.T) {
			moto.Reset(t)
			dir := newFixture(t)
			ps := runCrashChild(t, dir, nil, crashSpec{After: tc.point, Mode: ModeApply, GroupByFile: tc.group})
			if killed(ps) {
				kills++
			} else {
				t.Logf("%s: that step does not occur that often with today's rewriters; the run completed", tc.point)
			}
			out, stderr, ps := runCLI(t, dir, nil, args...)
			if ps.ExitCode() != 1 { // the Dockerfile's manual step remains
				t.Fatalf("resumed run exited %d: %s\n%s", ps.ExitCode(), stderr, out)
			}
			checkAllStored(t, api, tc.group)
			jb, _ := os.ReadFile(filepath.Join(dir, JournalDir, JournalFile))
			assertNoValues(t, "the journal", string(jb))
			if d := diffSnapshots(reference[tc.group], worktree(t, dir)); len(d) > 0 {
				t.Errorf("after crash at %s and re-run, files differ from an uninterrupted run: %v", tc.point, d)
			}
			// A third run is a no-op.
			before := worktree(t, dir)
			if _, stderr, ps := runCLI(t, dir, nil, args...); ps.ExitCode() != 1 {
				t.Fatalf("third run exited %d: %s", ps.ExitCode(), stderr)
			}
			if d := diffSnapshots(before, worktree(t, dir)); len(d) > 0 {
				t.Errorf("third run changed %v", d)
			}
			checkAllStored(t, api, tc.group)
		})
	}
}

// TestCLIHasNoCrashSwitch: the environment cannot make the secretsweep
// binary kill itself mid-migration (the crash switch is in the tests only).
func TestCLIHasNoCrashSwitch(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the CLI")
	}
	api, _ := startMoto(t)
	dir := newFixture(t)
	env := []string{"SECRETSWEEP_CRASH_AFTER=planned:1", crashChildEnv + `={"After":"planned:1","Mode":"apply"}`}
	out, stderr, ps := runCLI(t, dir, env, "migrate", "--apply", ".")
	if killed(ps) || ps.ExitCode() != 1 { // 1: the Dockerfile's manual step remains
		t.Fatalf("migrate --apply with a crash variable set: killed %v, exit %d: %s\n%s", killed(ps), ps.ExitCode(), stderr, out)
	}
	checkStored(t, api)
}

// checkAllStored checks moto holds the fixture's values once: per value
// (checkStored), or per file as JSON secrets with --group-by file.
func checkAllStored(t *testing.T, api *sm.Client, group bool) {
	t.Helper()
	if !group {
		checkStored(t, api)
		return
	}
	files := map[string]bool{}
	for name, content := range fxFiles {
		if strings.Contains(content, "FAKE") {
			files[name] = true
		}
	}
	got := secretsInMoto(t, api)
	if len(got) != len(files) {
		t.Errorf("moto holds %d secrets, want one per file with values (%d): %v", len(got), len(files), keysOf(got))
	}
	seen := map[string]bool{}
	for name := range got {
		if n := versionCount(t, api, name); n != 1 {
			t.Errorf("secret %s has %d versions, want 1", name, n)
		}
		var m map[string]string
		if err := json.Unmarshal([]byte(secretValue(t, api, name, "")), &m); err != nil {
			t.Errorf("secret %s is not a JSON object", name)
		}
		for _, v := range m {
			seen[v] = true
		}
	}
	for _, v := range fxValues {
		if !seen[v] {
			t.Errorf("value with hash %s is in no grouped secret", shortHash(v))
		}
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
	if ps.ExitCode() != 1 || !strings.Contains(out, "nothing has been written") { // findings remain: 1
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
