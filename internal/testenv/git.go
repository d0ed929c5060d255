package testenv

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Git runs the real git binary with a private HOME, no system config and
// none of the GIT_*, PRE_COMMIT* or GITHUB_* variables of an enclosing hook
// or job, so fixtures built with
// it do not depend on the developer's setup.
type Git struct {
	t    testing.TB
	Home string
	Env  []string
}

// NewGit returns a Git for t (skipping, or failing in CI, without git).
func NewGit(t testing.TB) *Git {
	t.Helper()
	_, err := exec.LookPath("git")
	Require(t, err == nil, "the git binary", "apt-get install git")
	home := t.TempDir()
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "GIT_") || strings.HasPrefix(k, "PRE_COMMIT") || strings.HasPrefix(k, "GITHUB_") ||
			k == "HOME" || k == "XDG_CONFIG_HOME" {
			continue
		}
		env = append(env, kv)
	}
	env = append(env, "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"), "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=Test Author", "GIT_AUTHOR_EMAIL=author@example.com",
		"GIT_COMMITTER_NAME=Test Committer", "GIT_COMMITTER_EMAIL=committer@example.com",
		"GIT_TERMINAL_PROMPT=0")
	return &Git{t: t, Home: home, Env: env}
}

// Run runs git in dir with extra environment variables and returns its
// output and error.
func (g *Git) Run(dir string, env []string, args ...string) (stdout, stderr string, err error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(append([]string{}, g.Env...), env...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	return out.String(), errOut.String(), err
}

// Git runs git in dir and returns its trimmed output; it fails the test on
// error.
func (g *Git) Git(dir string, args ...string) string {
	g.t.Helper()
	out, errOut, err := g.Run(dir, nil, args...)
	if err != nil {
		g.t.Fatalf("git %s: %v\n%s%s", strings.Join(args, " "), err, out, errOut)
	}
	return strings.TrimSpace(out)
}

// Init creates a repository with branch main at dir.
func (g *Git) Init(dir string, extra ...string) string {
	g.t.Helper()
	g.Git(filepath.Dir(dir), append([]string{"-c", "init.defaultBranch=main", "init", "-q"}, append(extra, dir)...)...)
	return dir
}

// Commit writes files (slash path -> content) in the work tree dir, stages
// them and commits; it returns the commit's hash.
func (g *Git) Commit(dir, msg string, files map[string]string) string {
	g.t.Helper()
	for p, content := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			g.t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			g.t.Fatal(err)
		}
		g.Git(dir, "add", "--", p)
	}
	g.Git(dir, "commit", "-q", "--allow-empty", "-m", msg)
	return g.Git(dir, "rev-parse", "HEAD")
}

// Worktree makes a repository with one commit at <tmp>/main and a linked
// worktree of it (git worktree add) at <tmp>/linked on branch "linked";
// it returns both work tree roots.
func (g *Git) Worktree(files map[string]string) (main, linked string) {
	g.t.Helper()
	tmp := g.t.TempDir()
	main, linked = filepath.Join(tmp, "main"), filepath.Join(tmp, "linked")
	g.Init(main)
	g.Commit(main, "initial", files)
	g.Git(main, "worktree", "add", "-q", "-b", "linked", linked)
	return main, linked
}
