package hook

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/internal/testenv"
)

// gitEnv runs the real git binary with a private HOME and no system config,
// so tests see neither the developer's config nor an enclosing hook's GIT_*
// variables.
type gitEnv struct {
	t    *testing.T
	home string
	env  []string
}

func newGitEnv(t *testing.T) *gitEnv {
	t.Helper()
	g := testenv.NewGit(t)
	return &gitEnv{t: t, home: g.Home, env: g.Env}
}

// set adds or overrides an environment variable for later commands.
func (g *gitEnv) set(key, value string) { g.env = append(g.env, key+"="+value) }

// run runs a command in dir with stdin and returns stdout, stderr and the error.
func (g *gitEnv) run(dir, stdin, name string, args ...string) (string, string, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = g.env
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	return out.String(), errOut.String(), err
}

// git runs git in dir and fails the test on error.
func (g *gitEnv) git(dir string, args ...string) string {
	g.t.Helper()
	out, errOut, err := g.run(dir, "", "git", args...)
	if err != nil {
		g.t.Fatalf("git %s: %v\n%s%s", strings.Join(args, " "), err, out, errOut)
	}
	return strings.TrimSpace(out)
}

// initRepo creates a repository with branch main in a new directory.
func (g *gitEnv) initRepo(bare bool) string {
	g.t.Helper()
	dir := filepath.Join(g.t.TempDir(), "repo")
	args := []string{"-c", "init.defaultBranch=main", "init", "-q"}
	if bare {
		args = append(args, "--bare")
	}
	g.git(g.t.TempDir(), append(args, dir)...)
	return dir
}

// commit writes files (path -> content) in repo and commits them.
func (g *gitEnv) commit(repo, msg string, files map[string]string) string {
	g.t.Helper()
	for p, content := range files {
		full := filepath.Join(repo, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			g.t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			g.t.Fatal(err)
		}
		g.git(repo, "add", "--", p)
	}
	g.git(repo, "commit", "-q", "--allow-empty", "-m", msg)
	return g.git(repo, "rev-parse", "HEAD")
}
