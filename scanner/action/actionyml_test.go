package action_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// actionFile mirrors the parts of action.yml the runner reads.
type actionFile struct {
	Name   string `yaml:"name"`
	Inputs map[string]struct {
		Description string  `yaml:"description"`
		Required    bool    `yaml:"required"`
		Default     *string `yaml:"default"`
	} `yaml:"inputs"`
	Outputs map[string]struct {
		Description string `yaml:"description"`
		Value       string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Using string       `yaml:"using"`
		Steps []actionStep `yaml:"steps"`
	} `yaml:"runs"`
}

type actionStep struct {
	Name  string            `yaml:"name"`
	ID    string            `yaml:"id"`
	If    string            `yaml:"if"`
	Shell string            `yaml:"shell"`
	Env   map[string]string `yaml:"env"`
	Run   string            `yaml:"run"`
	Uses  string            `yaml:"uses"`
	With  map[string]string `yaml:"with"`
}

// moduleRoot is the repository root, where action.yml lives.
func moduleRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return root
}

func loadAction(t *testing.T) *actionFile {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(moduleRoot(t), "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var a actionFile
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	return &a
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestActionYAMLInterface(t *testing.T) {
	a := loadAction(t)
	if a.Runs.Using != "composite" {
		t.Errorf("runs.using = %q, want composite", a.Runs.Using)
	}
	wantInputs := []string{"baseline", "comment", "config", "fail-on-findings", "migrate", "min-confidence", "scan", "token", "verify", "version"}
	if got := keys(a.Inputs); strings.Join(got, ",") != strings.Join(wantInputs, ",") {
		t.Errorf("inputs = %v, want %v", got, wantInputs)
	}
	defaults := map[string]string{"fail-on-findings": "true", "comment": "true", "verify": "false", "migrate": "false", "scan": "auto",
		"token": "${{ github.token }}", "config": "", "baseline": "", "version": "", "min-confidence": ""}
	for name, want := range defaults {
		in := a.Inputs[name]
		if in.Default == nil || *in.Default != want || in.Required || in.Description == "" {
			t.Errorf("input %s: default %v, required %v, description %q; want default %q", name, in.Default, in.Required, in.Description, want)
		}
	}
	wantOutputs := []string{"findings-count", "report-file", "sarif-file"}
	if got := keys(a.Outputs); strings.Join(got, ",") != strings.Join(wantOutputs, ",") {
		t.Errorf("outputs = %v, want %v", got, wantOutputs)
	}
	for name, out := range a.Outputs {
		if out.Value != "${{ steps.scan.outputs."+name+" }}" || out.Description == "" {
			t.Errorf("output %s = %+v", name, out)
		}
	}
	for i, s := range a.Runs.Steps {
		if s.Run == "" {
			continue
		}
		if strings.Contains(s.Run, "${{") {
			t.Errorf("step %d (%s): run interpolates an expression; pass it through env", i, s.Name)
		}
		if s.Shell != "bash" {
			t.Errorf("step %d (%s): shell %q", i, s.Name, s.Shell)
		}
	}
}

// expr matches the expressions action.yml uses.
var expr = regexp.MustCompile(`\$\{\{\s*([a-z_]+)\.([A-Za-z0-9_.-]+)\s*\}\}`)

// runner runs action.yml's steps in order the way the Actions runner does
// for a composite action: each run step in bash with the job's
// environment, its env with expressions evaluated, and a fresh
// GITHUB_OUTPUT file whose values later steps read as steps.<id>.outputs.
type runner struct {
	t       *testing.T
	env     map[string]string // the job's environment (GITHUB_*, RUNNER_*)
	inputs  map[string]string
	github  map[string]string
	outputs map[string]map[string]string // step id -> outputs
	skipped []string                     // uses: steps, not run here
	log     strings.Builder
}

func (r *runner) eval(s string) string {
	return expr.ReplaceAllStringFunc(s, func(m string) string {
		g := expr.FindStringSubmatch(m)
		switch g[1] {
		case "inputs":
			return r.inputs[g[2]]
		case "github":
			return r.github[g[2]]
		case "steps":
			id, rest, _ := strings.Cut(g[2], ".outputs.")
			return r.outputs[id][rest]
		}
		r.t.Fatalf("unsupported expression %s", m)
		return ""
	})
}

// cond evaluates the `if:` forms action.yml uses: "" and X op 'lit'.
func (r *runner) cond(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return true
	}
	m := regexp.MustCompile(`^([a-z_.-]+)\s*(==|!=)\s*'([^']*)'$`).FindStringSubmatch(s)
	if m == nil {
		r.t.Fatalf("unsupported if: %q", s)
	}
	v := r.eval("${{ " + m[1] + " }}")
	return (v == m[3]) == (m[2] == "==")
}

// run runs the steps; it returns the exit code of the first failing step
// (0 when all pass), as the job would see it.
func (r *runner) run(steps []actionStep) int {
	for i, s := range steps {
		if !r.cond(s.If) {
			continue
		}
		if s.Uses != "" {
			r.skipped = append(r.skipped, s.Uses)
			continue
		}
		out := filepath.Join(r.t.TempDir(), "github_output")
		if err := os.WriteFile(out, nil, 0o644); err != nil {
			r.t.Fatal(err)
		}
		script := filepath.Join(r.t.TempDir(), "step.sh")
		if err := os.WriteFile(script, []byte(s.Run), 0o755); err != nil {
			r.t.Fatal(err)
		}
		c := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", script)
		c.Dir = r.env["GITHUB_WORKSPACE"]
		env := map[string]string{}
		for k, v := range r.env {
			env[k] = v
		}
		for k, v := range s.Env {
			env[k] = r.eval(v)
		}
		env["GITHUB_OUTPUT"] = out
		for k, v := range env {
			c.Env = append(c.Env, k+"="+v)
		}
		data, err := c.CombinedOutput()
		r.log.WriteString("--- step " + s.Name + "\n" + string(data))
		od, _ := os.ReadFile(out)
		if s.ID != "" {
			r.outputs[s.ID] = parseOutputs(string(od))
		}
		if err != nil {
			if ee, ok := err.(*exec.ExitError); ok {
				r.log.WriteString("--- step " + s.Name + " failed: " + err.Error() + "\n")
				return ee.ExitCode()
			}
			r.t.Fatalf("step %d: %v", i, err)
		}
	}
	return 0
}

// TestActionYAMLRunsEndToEnd runs action.yml's steps for a pull request on
// a depth-1 checkout: the release download finds no release, secretsweep
// is built from this source, and the scan step reports the leak.
func TestActionYAMLRunsEndToEnd(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Fatal("go is not in PATH: the build-from-source step needs it")
	}
	if _, err := exec.LookPath("curl"); err != nil {
		t.Fatal("curl is not in PATH: the release download step needs it (as on GitHub's runners)")
	}
	a := loadAction(t)
	o, base, head := prRepo(t)
	merge := o.pullRequest(2, base, head)
	ws := o.checkout(merge, "refs/remotes/pull/2/merge")
	api := newFakeGitHub(t)
	ev := payload(t, "pull_request_opened.payload.json", map[string]any{"pull_request.base.sha": base, "pull_request.head.sha": head})
	j := newJob(t, o, api, "pull_request", ev, ws)

	env := map[string]string{}
	for _, kv := range os.Environ() {
		k, v, _ := strings.Cut(kv, "=")
		if !strings.HasPrefix(k, "GITHUB_") && !strings.HasPrefix(k, "RUNNER_") && !strings.HasPrefix(k, "INPUT_") {
			env[k] = v
		}
	}
	for k, v := range j.env {
		env[k] = v
	}
	delete(env, "GITHUB_TOKEN") // a runner does not set it: the action passes the token input
	root := moduleRoot(t)
	env["GITHUB_ACTION_PATH"] = root
	env["GITHUB_ACTION_REPOSITORY"] = "secretsweep/secretsweep"
	env["GITHUB_ACTION_REF"] = "v0.0.0-test"
	env["RUNNER_OS"] = "Linux"
	env["RUNNER_ARCH"] = "X64"
	inputs := map[string]string{}
	for name, in := range a.Inputs {
		if in.Default != nil {
			inputs[name] = *in.Default
		}
	}
	r := &runner{t: t, env: env, outputs: map[string]map[string]string{},
		github: map[string]string{"token": testToken, "action_path": root, "action_ref": "v0.0.0-test", "action_repository": "secretsweep/secretsweep"}}
	for k, v := range inputs {
		if v == "${{ github.token }}" {
			v = testToken
		}
		inputs[k] = v
	}
	r.inputs = inputs

	code := r.run(a.Runs.Steps)
	if code != 1 {
		t.Fatalf("the job's exit code %d, want 1 (leak found)\n%s", code, r.log.String())
	}
	if !strings.Contains(r.log.String(), "no release v0.0.0-test") {
		t.Errorf("the release step did not look for the release:\n%s", r.log.String())
	}
	var downloads int
	for _, u := range o.srv.requests() {
		if strings.Contains(u, "/secretsweep/secretsweep/releases/download/v0.0.0-test/") {
			downloads++
		}
	}
	if downloads == 0 {
		t.Error("no request for the release's files")
	}
	if strings.Join(r.skipped, ",") != "actions/setup-go@v5" {
		t.Errorf("uses: steps reached = %v, want setup-go (building from source)", r.skipped)
	}
	outs := map[string]string{}
	for name, o := range a.Outputs {
		outs[name] = r.eval(o.Value)
	}
	if outs["findings-count"] != "1" {
		t.Errorf("outputs = %v\n%s", outs, r.log.String())
	}
	if _, err := os.Stat(outs["sarif-file"]); err != nil {
		t.Errorf("sarif-file: %v", err)
	}
	if reviews, comments := api.state(); len(reviews) != 1 || len(comments) != 1 {
		t.Errorf("reviews %d, comments %d, want 1 and 1", len(reviews), len(comments))
	}
	if !strings.Contains(r.log.String(), "::error file=app/settings.py,line=1,") {
		t.Errorf("no annotation in the step log:\n%s", r.log.String())
	}
	noValues(t, r.log.String())
}

// TestActionYAMLReleaseDownload runs the release step and what follows
// with a published release: its binary is used when it matches
// checksums.txt (no build), and a mismatch fails the step.
func TestActionYAMLReleaseDownload(t *testing.T) {
	a := loadAction(t)
	for _, tc := range []struct {
		name     string
		tamper   bool
		code     int
		log      string
		building bool
	}{
		{"verified release is used", false, 0, "fake secretsweep action --config= --baseline= --fail-on-findings=true", false},
		{"checksum mismatch fails", true, 2, "does not match its checksums.txt", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := newGitEnv(t)
			srv := newGitServer(t, g, testToken)
			// The release archive holds a stand-in binary that prints its arguments.
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "secretsweep"), []byte("#!/bin/sh\necho fake secretsweep \"$@\"\n"), 0o755); err != nil {
				t.Fatal(err)
			}
			tarball := filepath.Join(t.TempDir(), "secretsweep_linux_amd64.tar.gz")
			if out, err := exec.Command("tar", "-czf", tarball, "-C", dir, "secretsweep").CombinedOutput(); err != nil {
				t.Fatalf("tar: %v %s", err, out)
			}
			data, err := os.ReadFile(tarball)
			if err != nil {
				t.Fatal(err)
			}
			sum, err := exec.Command("sha256sum", tarball).Output()
			if err != nil {
				t.Fatal(err)
			}
			digest := strings.Fields(string(sum))[0]
			if tc.tamper {
				data = append(data, 0)
			}
			srv.releases = map[string][]byte{
				"v1.2.3/secretsweep_linux_amd64.tar.gz": data,
				"v1.2.3/checksums.txt":                  []byte("0000  secretsweep_darwin_arm64.tar.gz\n" + digest + "  secretsweep_linux_amd64.tar.gz\n"),
			}
			tmp := t.TempDir()
			env := map[string]string{"PATH": os.Getenv("PATH"), "HOME": t.TempDir(), "RUNNER_TEMP": tmp, "RUNNER_OS": "Linux", "RUNNER_ARCH": "X64",
				"GITHUB_SERVER_URL": srv.URL, "GITHUB_ACTION_PATH": "/nonexistent", "GITHUB_WORKSPACE": tmp}
			inputs := map[string]string{}
			for name, in := range a.Inputs {
				inputs[name] = *in.Default
			}
			inputs["token"] = testToken
			r := &runner{t: t, env: env, inputs: inputs, outputs: map[string]map[string]string{},
				github: map[string]string{"action_ref": "v1.2.3", "action_repository": "secretsweep/secretsweep", "action_path": "/nonexistent"}}
			code := r.run(a.Runs.Steps)
			if code != tc.code || !strings.Contains(r.log.String(), tc.log) {
				t.Fatalf("exit %d, want %d with %q in the log:\n%s", code, tc.code, tc.log, r.log.String())
			}
			if len(r.skipped) != 0 || strings.Contains(r.log.String(), "--- step Build") {
				t.Errorf("built from source although a release exists: %v\n%s", r.skipped, r.log.String())
			}
		})
	}
}
