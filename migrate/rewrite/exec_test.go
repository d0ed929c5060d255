package rewrite

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"

	"github.com/secretsweep/secretsweep/internal/testenv"
)

// execCase is a fixture that, once rewritten, must print the original
// values read back from Secrets Manager (moto).
type execCase struct {
	rewriter string
	name     string // case name under testdata/<rewriter>/
	run      func(t *testing.T, dir, file string) []byte
}

// TestExecuteRewritten proves the rewritten Go, Python and JavaScript
// fixtures run: they read every moved value from a real moto server and
// print it.
func TestExecuteRewritten(t *testing.T) {
	if testing.Short() {
		t.Skip("runs programs against moto")
	}
	testenv.StartMoto(t)
	for _, c := range []execCase{
		{"go", "exec", runGo},
		{"python", "exec", runPython},
		{"javascript", "exec", runNode},
		{"javascript", "execesm", runNode},
		{"typescript", "exec", runTypeScript},
	} {
		t.Run(c.rewriter+"/"+c.name, func(t *testing.T) {
			cases := goldenCases(t, c.rewriter)
			var gc *goldenCase
			for i := range cases {
				if cases[i].name == c.name {
					gc = &cases[i]
				}
			}
			if gc == nil {
				t.Fatalf("no case %s", c.name)
			}
			storeSecrets(t, gc.targets)
			src, err := os.ReadFile(gc.input)
			if err != nil {
				t.Fatal(err)
			}
			ch, err := For(gc.path).Rewrite(gc.path, src, gc.targets)
			if err != nil {
				t.Fatal(err)
			}
			if len(ch.Manual) > 0 {
				t.Fatalf("unexpected manual steps: %+v", ch.Manual[0].Reason)
			}
			dir := t.TempDir()
			file := filepath.Join(dir, filepath.Base(gc.path))
			writeFile(t, file, ch.Content)
			for name, content := range ch.Files {
				writeFile(t, filepath.Join(dir, name), content)
			}
			for _, tg := range gc.targets {
				if strings.Contains(string(ch.Content), tg.Secret) {
					t.Fatalf("line %d: value still in the rewritten file", tg.Line)
				}
			}
			out := string(c.run(t, dir, file))
			for _, tg := range gc.targets {
				if !strings.Contains(out, tg.Secret) {
					t.Errorf("line %d: the program did not print the value read from Secrets Manager", tg.Line)
				}
			}
			if t.Failed() {
				t.Logf("output has %d bytes", len(out))
			}
		})
	}
}

// storeSecrets creates the secrets the targets name in moto, grouping keyed
// targets into one JSON secret.
func storeSecrets(t *testing.T, targets []Target) {
	t.Helper()
	ctx := context.Background()
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		t.Fatal(err)
	}
	client := secretsmanager.NewFromConfig(cfg)
	values := map[string]string{}
	grouped := map[string]map[string]string{}
	for _, tg := range targets {
		if tg.Key == "" {
			values[tg.SecretID] = tg.Secret
			continue
		}
		if grouped[tg.SecretID] == nil {
			grouped[tg.SecretID] = map[string]string{}
		}
		grouped[tg.SecretID][tg.Key] = tg.Secret
	}
	for id, m := range grouped {
		b, _ := json.Marshal(m)
		values[id] = string(b)
	}
	for id, v := range values {
		_, err := client.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String(id), SecretString: aws.String(v)})
		if err != nil && !strings.Contains(err.Error(), "ResourceExists") {
			t.Fatalf("create %s: %v", id, err)
		}
	}
}

func writeFile(t *testing.T, path string, content []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, content, 0o644); err != nil {
		t.Fatal(err)
	}
}

// runCmd runs a command in dir and returns its standard output.
func runCmd(t *testing.T, dir string, env []string, name string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	// testenv sets AWS_PROFILE and AWS_SESSION_TOKEN to "", which boto3
	// reads as a profile named "": drop empty AWS variables.
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "AWS_") && strings.HasSuffix(kv, "=") {
			continue
		}
		cmd.Env = append(cmd.Env, kv)
	}
	cmd.Env = append(cmd.Env, env...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, stderr.String())
	}
	return out
}

// runGo builds the rewritten program in a module that uses this
// repository's aws-sdk-go-v2 versions (go.mod and go.sum copied, module
// cache only, no network).
func runGo(t *testing.T, dir, _ string) []byte {
	goModule(t, dir)
	return runCmd(t, dir, []string{"GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off"}, "go", "run", ".")
}

// runPython runs the rewritten script with python3 and boto3.
func runPython(t *testing.T, dir, file string) []byte {
	_, err := exec.LookPath("python3")
	testenv.Require(t, err == nil, "python3", "apt-get install python3")
	probe := exec.Command("python3", "-c", "import boto3")
	testenv.Require(t, probe.Run() == nil, "boto3", "pip install boto3")
	return runCmd(t, dir, nil, "python3", file)
}

// TestPythonOutputsCompile checks every rewritten Python golden case with
// CPython's own parser as well.
func TestPythonOutputsCompile(t *testing.T) {
	_, err := exec.LookPath("python3")
	testenv.Require(t, err == nil, "python3", "apt-get install python3")
	for _, c := range goldenCases(t, "python") {
		src, err := os.ReadFile(c.input)
		if err != nil {
			t.Fatal(err)
		}
		ch, err := pythonRewriter{}.Rewrite(c.path, src, c.targets)
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		writeFile(t, filepath.Join(dir, "out.py"), ch.Content)
		writeFile(t, filepath.Join(dir, "helper.py"), ch.Files[helperBase+".py"])
		runCmd(t, dir, nil, "python3", "-c", "import ast, sys\nfor f in sys.argv[1:]: ast.parse(open(f, encoding='utf-8').read(), f)", "out.py", "helper.py")
	}
}

// runNode runs the rewritten script with node and the AWS SDK installed
// by scripts/test under .ci/node (NODE_PATH). ES modules ignore NODE_PATH, so
// the fixture directory gets a node_modules link to it.
func runNode(t *testing.T, dir, file string) []byte {
	return runCmd(t, dir, nodeEnv(t, dir), "node", file)
}

// nodeEnv checks node and the SDK and links node_modules into dir.
func nodeEnv(t *testing.T, dir string) []string {
	_, err := exec.LookPath("node")
	testenv.Require(t, err == nil, "node", "apt-get install nodejs")
	modules := os.Getenv("NODE_PATH")
	if modules == "" {
		modules, _ = filepath.Abs("../../.ci/node/node_modules")
	}
	_, err = os.Stat(filepath.Join(modules, "@aws-sdk", "client-secrets-manager"))
	testenv.Require(t, err == nil, "@aws-sdk/client-secrets-manager", "cd .ci/node && npm install")
	if err := os.Symlink(modules, filepath.Join(dir, "node_modules")); err != nil {
		t.Fatal(err)
	}
	return []string{"NODE_PATH=" + modules}
}

// runTypeScript strips the types with esbuild (installed by scripts/test under
// .ci/node) and runs the result as an ES module with node.
func runTypeScript(t *testing.T, dir, file string) []byte {
	env := nodeEnv(t, dir)
	esbuild := filepath.Join(strings.TrimPrefix(env[0], "NODE_PATH="), ".bin", "esbuild")
	_, err := os.Stat(esbuild)
	testenv.Require(t, err == nil, "esbuild", "cd .ci/node && npm install")
	out := filepath.Join(dir, "out")
	runCmd(t, dir, env, esbuild, "--format=esm", "--platform=node", "--log-level=warning", "--outdir="+out, file, filepath.Join(dir, helperBase+".ts"))
	writeFile(t, filepath.Join(out, "package.json"), []byte(`{"type": "module"}`))
	return runCmd(t, dir, env, "node", filepath.Join(out, strings.TrimSuffix(filepath.Base(file), ".ts")+".js"))
}
