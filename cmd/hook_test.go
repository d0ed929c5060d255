package cmd

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/secretsweep/secretsweep/internal/finding"

	"gopkg.in/yaml.v3"

	"github.com/secretsweep/secretsweep/internal/testenv"
	"github.com/secretsweep/secretsweep/scanner"
	"github.com/secretsweep/secretsweep/scanner/hook"
)

// hookTestFactory returns a Factory with buffered streams and an
// environment holding only env.
func hookTestFactory(stdin string, env map[string]string) (*Factory, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	f := &Factory{
		IO:      &IOStreams{In: strings.NewReader(stdin), Out: &out, ErrOut: &errOut},
		Now:     func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) },
		Getenv:  func(k string) string { return env[k] },
		Environ: func() []string { return hermeticGitEnv(env) },
		Version: "test",
		Hasher:  testHasher,
	}
	return f, &out, &errOut
}

// hermeticGitEnv is this process's environment without GIT_* variables or
// system and global git config, plus env: git sees only the repository's
// own settings.
func hermeticGitEnv(env map[string]string) []string {
	var out []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GIT_") {
			out = append(out, kv)
		}
	}
	out = append(out, "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull)
	for k, v := range env {
		out = append(out, k+"="+v)
	}
	return out
}

// hookTestRepo creates a git repository with one commit and returns its
// path and HEAD.
func hookTestRepo(t *testing.T) (string, string) {
	t.Helper()
	_, err := exec.LookPath("git")
	testenv.Require(t, err == nil, "the git binary", "apt-get install git")
	dir := t.TempDir()
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GIT_") {
			env = append(env, kv)
		}
	}
	env = append(env, "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir,
		"GIT_AUTHOR_NAME=a", "GIT_AUTHOR_EMAIL=a@example.com", "GIT_COMMITTER_NAME=a", "GIT_COMMITTER_EMAIL=a@example.com")
	repo := filepath.Join(dir, "repo")
	for _, args := range [][]string{
		{"init", "-q", repo},
		{"-C", repo, "commit", "-q", "--allow-empty", "-m", "init"},
	} {
		cmd := exec.Command("git", args...)
		cmd.Env = env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	cmd := exec.Command("git", "-C", repo, "rev-parse", "HEAD")
	cmd.Env = env
	head, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	return repo, strings.TrimSpace(string(head))
}

func TestHookInstallCmdFlags(t *testing.T) {
	repo, _ := hookTestRepo(t)
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantOut  string
		wantErr  string
		hooks    []string // files expected in .git/hooks
	}{
		{name: "default pre-push", args: []string{repo}, wantOut: "installed pre-push hook", hooks: []string{"pre-push"}},
		{name: "pre-commit too", args: []string{"--pre-commit", repo}, hooks: []string{"pre-push", "pre-commit"}},
		{name: "pre-commit only", args: []string{"--pre-commit", "--pre-push=false", repo}, hooks: []string{"pre-commit"}},
		{name: "nothing to install", args: []string{"--pre-push=false", repo}, wantCode: ExitError, wantErr: "nothing to install"},
		{name: "force and chain", args: []string{"--force", "--chain", repo}, wantCode: ExitError, wantErr: "cannot be used together"},
		{name: "missing baseline file", args: []string{"--baseline", filepath.Join(repo, "nope.json"), repo}, wantCode: ExitError, wantErr: "--baseline"},
		{name: "not a repository", args: []string{t.TempDir()}, wantCode: ExitError, wantErr: "not a git repository"},
		{name: "too many args", args: []string{repo, repo}, wantCode: ExitError, wantErr: "accepts at most 1 arg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hooks := filepath.Join(repo, ".git", "hooks")
			os.RemoveAll(hooks)
			f, out, errOut := hookTestFactory("", nil)
			code := Main(append([]string{"hook", "install"}, tt.args...), f)
			if code != tt.wantCode {
				t.Fatalf("exit %d, want %d; stderr: %s", code, tt.wantCode, errOut)
			}
			if !strings.Contains(out.String(), tt.wantOut) {
				t.Errorf("stdout %q lacks %q", out, tt.wantOut)
			}
			if !strings.Contains(errOut.String(), tt.wantErr) {
				t.Errorf("stderr %q lacks %q", errOut, tt.wantErr)
			}
			for _, h := range tt.hooks {
				data, err := os.ReadFile(filepath.Join(hooks, h))
				if err != nil || !hook.IsOurs(data) {
					t.Errorf("hook %s not installed: %v", h, err)
				}
			}
			if tt.hooks == nil {
				if entries, _ := os.ReadDir(hooks); len(entries) > 0 {
					t.Errorf("failed install left %d files in the hooks directory", len(entries))
				}
			}
		})
	}
}

func TestHookInstallCmdBakesFlagsIntoScript(t *testing.T) {
	repo, _ := hookTestRepo(t)
	baseline := filepath.Join(repo, "base.json")
	if err := os.WriteFile(baseline, []byte("[]"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, _, errOut := hookTestFactory("", nil)
	opts := &hookInstallOptions{f: f, Path: repo, PrePush: true, Baseline: baseline,
		Executable: func() (string, error) { return "/opt/tools/secretsweep", nil }}
	if err := runHookInstall(context.Background(), opts); err != nil {
		t.Fatalf("%v (%s)", err, errOut)
	}
	data, err := os.ReadFile(filepath.Join(repo, ".git", "hooks", "pre-push"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"secretsweep_exe=/opt/tools/secretsweep", "hook run-pre-push --baseline " + baseline + " -- \"$@\""} {
		if !strings.Contains(string(data), want) {
			t.Errorf("script lacks %q:\n%s", want, data)
		}
	}
}

func TestHookRunCmd(t *testing.T) {
	repo, head := hookTestRepo(t)
	z := strings.Repeat("0", 40)
	leak := finding.Finding{RuleID: "github-pat", File: "a.env", StartLine: 1, Commit: head,
		Secret: "ghp_FAKEfake0123456789abcdefFAKEfake0123", Match: "T=ghp_FAKEfake0123456789abcdefFAKEfake0123",
		Fingerprint: head + ":a.env:github-pat:1"}
	tests := []struct {
		name     string
		kind     hook.Kind
		stdin    string
		env      map[string]string
		findings []finding.Finding
		wantCode error
		wantScan []scanner.Options
		wantErr  string
	}{
		{
			name: "new branch", kind: hook.PrePush, stdin: "refs/heads/main " + head + " refs/heads/main " + z + "\n",
			wantScan: []scanner.Options{{Mode: scanner.ModeRange, Include: []string{head}, ExcludeRemotes: true}},
			wantErr:  "no leaks",
		},
		{
			name: "existing branch with a leak", kind: hook.PrePush, stdin: "refs/heads/main " + head + " refs/heads/main " + head + "\n",
			findings: []finding.Finding{leak}, wantCode: ErrLeaksFound,
			wantScan: []scanner.Options{{Mode: scanner.ModeRange, Include: []string{head}, Exclude: []string{head}, ConfigRev: head}},
			wantErr:  "push blocked: 1 leak",
		},
		{name: "deletion only", kind: hook.PrePush, stdin: "(delete) " + z + " refs/heads/x " + head + "\n", wantErr: "no leaks in 0 commit"},
		{
			name: "pre-commit framework range", kind: hook.PrePush,
			env:      map[string]string{"PRE_COMMIT_FROM_REF": head, "PRE_COMMIT_TO_REF": "HEAD"},
			wantScan: []scanner.Options{{Mode: scanner.ModeRange, Include: []string{head}, Exclude: []string{head}, ConfigRev: head}},
		},
		{
			name: "staged", kind: hook.PreCommit, findings: []finding.Finding{leak}, wantCode: ErrLeaksFound,
			wantScan: []scanner.Options{{Mode: scanner.ModeStaged}},
			wantErr:  "commit blocked",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Chdir(repo)
			f, _, errOut := hookTestFactory(tt.stdin, tt.env)
			var got []scanner.Options
			opts := &hookRunOptions{f: f, Kind: tt.kind, Remote: "origin",
				Scan: func(_ context.Context, o scanner.Options) (*finding.Result, error) {
					got = append(got, o)
					return &finding.Result{Findings: append([]finding.Finding(nil), tt.findings...)}, nil
				}}
			err := runHookRun(context.Background(), opts)
			if err != tt.wantCode {
				t.Fatalf("err = %v, want %v", err, tt.wantCode)
			}
			if len(got) != len(tt.wantScan) {
				t.Fatalf("scans = %+v, want %+v", got, tt.wantScan)
			}
			for i, w := range tt.wantScan {
				g := got[i]
				if g.Mode != w.Mode || strings.Join(g.Include, ",") != strings.Join(w.Include, ",") ||
					strings.Join(g.Exclude, ",") != strings.Join(w.Exclude, ",") || g.ExcludeRemotes != w.ExcludeRemotes ||
					g.ConfigRev != w.ConfigRev {
					t.Errorf("scan %d = %+v, want %+v", i, g, w)
				}
				if real, _ := filepath.EvalSymlinks(repo); g.Path != repo && g.Path != real {
					t.Errorf("scan path = %s, want %s", g.Path, repo)
				}
			}
			if !strings.Contains(errOut.String(), tt.wantErr) {
				t.Errorf("stderr %q lacks %q", errOut, tt.wantErr)
			}
			if strings.Contains(errOut.String(), leak.Secret) {
				t.Fatalf("stderr shows the secret: %s", errOut)
			}
		})
	}
}

func TestHookRunCmdBaselineDefault(t *testing.T) {
	repo, head := hookTestRepo(t)
	t.Chdir(repo)
	// Without --baseline the scanner looks the conventional file up in the
	// trusted revision (not in the working tree); --baseline names a file.
	for _, tt := range []struct{ flag, wantPath, wantName string }{{"", "", hook.BaselineFile}, {"/other.json", "/other.json", ""}} {
		f, _, _ := hookTestFactory("refs/heads/main "+head+" refs/heads/main "+strings.Repeat("0", 40)+"\n", nil)
		var got scanner.Options
		opts := &hookRunOptions{f: f, Kind: hook.PrePush, Baseline: tt.flag,
			Scan: func(_ context.Context, o scanner.Options) (*finding.Result, error) {
				got = o
				return &finding.Result{}, nil
			}}
		if err := runHookRun(context.Background(), opts); err != nil {
			t.Fatal(err)
		}
		if got.BaselinePath != tt.wantPath || got.BaselineName != tt.wantName {
			t.Errorf("--baseline %q: scanner got path %q, name %q; want %q, %q", tt.flag, got.BaselinePath, got.BaselineName, tt.wantPath, tt.wantName)
		}
	}
}

func TestHookRunCmdHidden(t *testing.T) {
	f, _, _ := hookTestFactory("", nil)
	c := NewCmdHook(f)
	visible := map[string]bool{}
	for _, sub := range c.Commands() {
		visible[sub.Name()] = !sub.Hidden
	}
	want := map[string]bool{"install": true, "uninstall": true, "run-pre-push": false, "run-pre-commit": false}
	for name, vis := range want {
		if v, ok := visible[name]; !ok || v != vis {
			t.Errorf("subcommand %s: present=%v visible=%v, want visible=%v", name, ok, v, vis)
		}
	}
}

// TestHookPreCommitFrameworkManifest checks .pre-commit-hooks.yaml: the
// stages pre-commit and pre-push are covered and every entry is a
// secretsweep command that exists.
func TestHookPreCommitFrameworkManifest(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct {
		ID            string   `yaml:"id"`
		Entry         string   `yaml:"entry"`
		Language      string   `yaml:"language"`
		PassFilenames *bool    `yaml:"pass_filenames"`
		Stages        []string `yaml:"stages"`
	}
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatal(err)
	}
	f, _, _ := hookTestFactory("", nil)
	root := NewCmdRoot(f)
	stages := map[string]bool{}
	for _, h := range hooks {
		args := strings.Fields(h.Entry)
		if len(args) < 2 || args[0] != "secretsweep" {
			t.Errorf("%s: entry %q does not call secretsweep", h.ID, h.Entry)
			continue
		}
		c, rest, err := root.Find(args[1:])
		if err != nil || len(rest) != 0 || c == root {
			t.Errorf("%s: entry %q is not a secretsweep command (%v, rest %v)", h.ID, h.Entry, err, rest)
		}
		if h.Language != "golang" || h.PassFilenames == nil || *h.PassFilenames {
			t.Errorf("%s: want language golang and pass_filenames false", h.ID)
		}
		for _, s := range h.Stages {
			stages[s] = true
		}
	}
	for _, s := range []string{"pre-commit", "pre-push"} {
		if !stages[s] {
			t.Errorf("no hook for stage %s", s)
		}
	}
}
