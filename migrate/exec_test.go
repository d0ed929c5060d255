package migrate

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/internal/testenv"
)

// TestRewrittenProgramsRun migrates the fixture project, then runs the
// rewritten Go, Python and JavaScript programs with AWS_ENDPOINT_URL aimed
// at moto: each must print the original value, now read from Secrets
// Manager. Each file must have been rewritten.
func TestRewrittenProgramsRun(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles and runs programs")
	}
	api, _ := startMoto(t)
	dir := newFixture(t)
	if out, _, err := runMigrate(t, dir, ModeApply, api, nil); err != nil {
		t.Fatalf("apply: %v\n%s", err, out)
	}
	for _, p := range []struct {
		file   string
		values []string
		setup  func(t *testing.T) bool
		argv   []string
	}{
		{"svc/main.go", []string{fxStripe, fxGitHub}, func(t *testing.T) bool { return goModule(t, dir) }, []string{"go", "run", "./svc"}},
		{"app/settings.py", []string{fxSlackBot}, func(t *testing.T) bool { return hasTool(t, "python3", "-c", "import boto3") }, []string{"python3", "app/settings.py"}},
		{"web/client.js", []string{fxSlackUser}, func(t *testing.T) bool {
			return hasTool(t, "node", "-e", "require('@aws-sdk/client-secrets-manager')")
		}, []string{"node", "web/client.js"}},
	} {
		t.Run(p.file, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join(dir, p.file))
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range p.values {
				if strings.Contains(string(src), v) {
					t.Fatalf("%s still holds the value with hash %s: it was not rewritten", p.file, shortHash(v))
				}
			}
			if !p.setup(t) {
				return
			}
			cmd := exec.Command(p.argv[0], p.argv[1:]...)
			cmd.Dir = dir
			cmd.Env = programEnv()
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("%v: %v\n%s", p.argv, err, redactFixture(string(out)))
			}
			for _, v := range p.values {
				if !strings.Contains(string(out), v) {
					t.Errorf("%s did not print the value (hash %s) read from Secrets Manager; output:\n%s",
						p.file, shortHash(v), redactFixture(string(out)))
				}
			}
		})
	}
}

// goModule makes dir a Go module with this repository's dependency
// versions (so the AWS SDK resolves from the module cache, offline).
func goModule(t *testing.T, dir string) bool {
	t.Helper()
	gomod, err1 := os.ReadFile("../go.mod")
	gosum, err2 := os.ReadFile("../go.sum")
	if err1 != nil || err2 != nil {
		t.Fatalf("read go.mod/go.sum: %v %v", err1, err2)
	}
	lines := strings.SplitN(string(gomod), "\n", 2)
	writeTestFile(t, filepath.Join(dir, "go.mod"), "module example.com/payments\n"+lines[1], 0o644)
	writeTestFile(t, filepath.Join(dir, "go.sum"), string(gosum), 0o644)
	return true
}

// hasTool checks a tool (and a library it needs) is installed.
func hasTool(t *testing.T, name string, probe ...string) bool {
	t.Helper()
	_, err := exec.LookPath(name)
	cmd := exec.Command(name, probe...)
	cmd.Env = programEnv()
	ok := err == nil && cmd.Run() == nil
	testenv.Require(t, ok, name+" "+strings.Join(probe, " "), "see scripts/test")
	return ok
}

// programEnv is the environment for the rewritten programs: moto's
// settings without the empty variables SDKs would take as values (an empty
// AWS_PROFILE is a profile named ""), offline Go modules, and the Node
// packages scripts/test installs.
func programEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if k, v, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "AWS_") && v == "" {
			continue
		}
		env = append(env, kv)
	}
	env = append(env, "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
	if os.Getenv("NODE_PATH") == "" {
		if abs, err := filepath.Abs("../.ci/node/node_modules"); err == nil {
			if _, err := os.Stat(abs); err == nil {
				env = append(env, "NODE_PATH="+abs)
			}
		}
	}
	return env
}

func redactFixture(s string) string { return Redact(s, append(fxValues, fxSpringDB, fxSpringMail)) }
