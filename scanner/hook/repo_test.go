package hook

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestHookHooksDir(t *testing.T) {
	tests := []struct {
		name  string
		setup func(g *gitEnv, repo string) (start string)
	}{
		{name: "default", setup: func(g *gitEnv, repo string) string { return repo }},
		{name: "from a subdirectory", setup: func(g *gitEnv, repo string) string {
			sub := filepath.Join(repo, "a", "b")
			if err := os.MkdirAll(sub, 0o755); err != nil {
				t.Fatal(err)
			}
			return sub
		}},
		{name: "local relative hooksPath", setup: func(g *gitEnv, repo string) string {
			g.git(repo, "config", "core.hooksPath", "tools/githooks")
			return repo
		}},
		{name: "local absolute hooksPath", setup: func(g *gitEnv, repo string) string {
			g.git(repo, "config", "core.hooksPath", filepath.Join(g.home, "abs-hooks"))
			return repo
		}},
		{name: "global hooksPath with tilde", setup: func(g *gitEnv, repo string) string {
			g.git(repo, "config", "--global", "core.hooksPath", "~/global-hooks")
			return repo
		}},
		{name: "local overrides global", setup: func(g *gitEnv, repo string) string {
			g.git(repo, "config", "--global", "core.hooksPath", "~/global-hooks")
			g.git(repo, "config", "core.hooksPath", ".hooks")
			return repo
		}},
		{name: "XDG config", setup: func(g *gitEnv, repo string) string {
			writeFile(t, filepath.Join(g.home, ".config", "git", "config"), "[core]\n\thooksPath = ~/xdg-hooks\n")
			return repo
		}},
		{name: "GIT_CONFIG_GLOBAL", setup: func(g *gitEnv, repo string) string {
			p := filepath.Join(g.home, "other.gitconfig")
			writeFile(t, p, "[Core]\n\tHooksPath = /srv/hooks\n")
			g.set("GIT_CONFIG_GLOBAL", p)
			return repo
		}},
		{name: "linked worktree uses the common hooks", setup: func(g *gitEnv, repo string) string {
			g.commit(repo, "init", nil)
			wt := filepath.Join(g.home, "wt")
			g.git(repo, "worktree", "add", "-q", wt)
			return wt
		}},
		{name: "worktree config", setup: func(g *gitEnv, repo string) string {
			g.commit(repo, "init", nil)
			g.git(repo, "config", "extensions.worktreeConfig", "true")
			g.git(repo, "config", "--worktree", "core.hooksPath", "wt-hooks")
			return repo
		}}, {name: "included file", setup: func(g *gitEnv, repo string) string {
			p := filepath.Join(g.home, "inc.gitconfig")
			writeFile(t, p, "[core]\n\thooksPath = ~/included-hooks\n")
			g.git(repo, "config", "include.path", p)
			return repo
		}},
		{name: "includeIf gitdir", setup: func(g *gitEnv, repo string) string {
			p := filepath.Join(g.home, "inc.gitconfig")
			writeFile(t, p, "[core]\n\thooksPath = cond-hooks\n")
			writeFile(t, filepath.Join(g.home, ".gitconfig"), "[includeIf \"gitdir:"+repo+"/\"]\n\tpath = "+p+"\n")
			sub := filepath.Join(repo, "sub")
			if err := os.MkdirAll(sub, 0o755); err != nil {
				t.Fatal(err)
			}
			return sub
		}},
		{name: "GIT_CONFIG_COUNT", setup: func(g *gitEnv, repo string) string {
			g.set("GIT_CONFIG_COUNT", "1")
			g.set("GIT_CONFIG_KEY_0", "core.hooksPath")
			g.set("GIT_CONFIG_VALUE_0", "env-hooks")
			return repo
		}},
		{name: "bare repository", setup: func(g *gitEnv, repo string) string {
			return g.initRepo(true)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newGitEnv(t)
			repo := g.initRepo(false)
			start := tt.setup(g, repo)
			got, err := HooksDir(context.Background(), start, g.env)
			if err != nil {
				t.Fatal(err)
			}
			// git itself is the oracle.
			want := g.git(start, "rev-parse", "--path-format=absolute", "--git-path", "hooks")
			if !sameDir(got, want) {
				t.Errorf("HooksDir = %s, git says %s", got, want)
			}
		})
	}
}

func TestHookHooksDirNoGit(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := HooksDir(context.Background(), t.TempDir(), nil)
	if !errors.Is(err, ErrNoGit) {
		t.Fatalf("err = %v, want ErrNoGit", err)
	}
}

func TestHookFindRepo(t *testing.T) {
	g := newGitEnv(t)
	bare := g.initRepo(true)
	r, err := FindRepo(bare)
	if err != nil {
		t.Fatal(err)
	}
	if r.Root != "" || !sameDir(r.GitDir, bare) {
		t.Errorf("bare repo = %+v", r)
	}
	if _, err := FindRepo(t.TempDir()); !errors.Is(err, ErrNotRepository) {
		t.Errorf("FindRepo(non-repo) err = %v, want ErrNotRepository", err)
	}
}

func sameDir(a, b string) bool {
	ea, errA := filepath.EvalSymlinks(a)
	eb, errB := filepath.EvalSymlinks(b)
	if errA != nil || errB != nil { // not created yet: compare cleaned paths
		return filepath.Clean(a) == filepath.Clean(b)
	}
	return ea == eb
}
