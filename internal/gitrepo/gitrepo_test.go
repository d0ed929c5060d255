package gitrepo

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/internal/testenv"
)

func TestMain(m *testing.M) { os.Exit(testenv.Run(m)) }

// gitSays asks git for the directories of the repository at dir, with
// extra environment variables: the oracle Find must agree with.
func gitSays(t *testing.T, g *testenv.Git, dir string, env []string) Repo {
	t.Helper()
	out, errOut, err := g.Run(dir, env, "rev-parse", "--path-format=absolute", "--git-dir", "--git-common-dir", "--is-bare-repository")
	if err != nil {
		t.Fatalf("git rev-parse: %v\n%s", err, errOut)
	}
	l := strings.Split(strings.TrimSpace(out), "\n")
	r := Repo{GitDir: physical(l[0]), CommonDir: physical(l[1])}
	if l[2] != "true" {
		top, errOut, err := g.Run(dir, env, "rev-parse", "--show-toplevel")
		if err != nil {
			t.Fatalf("git rev-parse --show-toplevel: %v\n%s", err, errOut)
		}
		r.Root = physical(strings.TrimSpace(top))
	}
	return r
}

func mkdir(t *testing.T, p string) string {
	t.Helper()
	if err := os.MkdirAll(p, 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

func symlink(t *testing.T, target, link string) string {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	return link
}

func TestFind(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, g *testenv.Git) (start string)
	}{
		{"work tree root", func(t *testing.T, g *testenv.Git) string {
			return g.Init(filepath.Join(t.TempDir(), "r"))
		}},
		{"subdirectory", func(t *testing.T, g *testenv.Git) string {
			r := g.Init(filepath.Join(t.TempDir(), "r"))
			return mkdir(t, filepath.Join(r, "a", "b"))
		}},
		{"a file", func(t *testing.T, g *testenv.Git) string {
			r := g.Init(filepath.Join(t.TempDir(), "r"))
			g.Commit(r, "c", map[string]string{"a/f.txt": "x\n"})
			return filepath.Join(r, "a", "f.txt")
		}},
		{"linked worktree", func(t *testing.T, g *testenv.Git) string {
			_, linked := g.Worktree(map[string]string{"f": "x\n"})
			return linked
		}},
		{"linked worktree subdirectory", func(t *testing.T, g *testenv.Git) string {
			_, linked := g.Worktree(map[string]string{"d/f": "x\n"})
			return filepath.Join(linked, "d")
		}},
		{"separate git dir (.git file)", func(t *testing.T, g *testenv.Git) string {
			tmp := t.TempDir()
			return g.Init(filepath.Join(tmp, "r"), "--separate-git-dir", filepath.Join(tmp, "store.git"))
		}},
		{"bare", func(t *testing.T, g *testenv.Git) string {
			return g.Init(filepath.Join(t.TempDir(), "r.git"), "--bare")
		}},
		{"symlink to a directory of another repository", func(t *testing.T, g *testenv.Git) string {
			tmp := t.TempDir()
			r := g.Init(filepath.Join(tmp, "r"))
			mkdir(t, filepath.Join(r, "sub"))
			outer := g.Init(filepath.Join(tmp, "outer"))
			return symlink(t, filepath.Join(r, "sub"), filepath.Join(outer, "link"))
		}},
		{"symlink to a linked worktree", func(t *testing.T, g *testenv.Git) string {
			_, linked := g.Worktree(nil)
			return symlink(t, linked, filepath.Join(t.TempDir(), "link"))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := testenv.NewGit(t)
			start := tt.setup(t, g)
			got, err := Find(start)
			if err != nil {
				t.Fatal(err)
			}
			dir := start
			if st, err := os.Stat(start); err == nil && !st.IsDir() {
				dir = filepath.Dir(start)
			}
			if want := gitSays(t, g, dir, nil); *got != want {
				t.Errorf("Find(%s) = %+v\ngit says    %+v", start, *got, want)
			}
		})
	}
}

func TestFindNotRepository(t *testing.T) {
	dir := t.TempDir()
	mkdir(t, filepath.Join(dir, ".git")) // an empty .git is not a repository
	if _, err := Find(dir); !errors.Is(err, ErrNotRepository) {
		t.Errorf("Find(non-repo) err = %v, want ErrNotRepository", err)
	}
	if _, err := Find(filepath.Join(dir, "missing")); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("Find(missing) err = %v", err)
	}
	bad := t.TempDir()
	if err := os.WriteFile(filepath.Join(bad, ".git"), []byte("gitdir: /nonexistent/FAKE\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Find(bad); !errors.Is(err, ErrNotRepository) {
		t.Errorf("Find(.git file to nowhere) err = %v, want ErrNotRepository", err)
	}
}

// FindEnv follows the GIT_DIR and GIT_WORK_TREE that git exports to hooks.
func TestFindEnv(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, g *testenv.Git) (start string, env map[string]string)
	}{
		{"hook in a linked worktree (GIT_DIR absolute)", func(t *testing.T, g *testenv.Git) (string, map[string]string) {
			main, linked := g.Worktree(nil)
			return linked, map[string]string{"GIT_DIR": filepath.Join(main, ".git", "worktrees", "linked")}
		}},
		{"git --git-dir=.git --work-tree=.", func(t *testing.T, g *testenv.Git) (string, map[string]string) {
			r := g.Init(filepath.Join(t.TempDir(), "r"))
			return r, map[string]string{"GIT_DIR": ".git", "GIT_WORK_TREE": "."}
		}},
		{"git dir elsewhere, work tree is the hook's directory", func(t *testing.T, g *testenv.Git) (string, map[string]string) {
			tmp := t.TempDir()
			store := g.Init(filepath.Join(tmp, "dotfiles.git"), "--bare")
			g.Git(store, "config", "core.bare", "false")
			return mkdir(t, filepath.Join(tmp, "home")), map[string]string{"GIT_DIR": store}
		}},
		{"core.worktree", func(t *testing.T, g *testenv.Git) (string, map[string]string) {
			tmp := t.TempDir()
			store := g.Init(filepath.Join(tmp, "store.git"), "--bare")
			wt := mkdir(t, filepath.Join(tmp, "wt"))
			g.Git(store, "config", "core.bare", "false")
			g.Git(store, "config", "core.worktree", wt)
			return mkdir(t, filepath.Join(tmp, "elsewhere")), map[string]string{"GIT_DIR": store}
		}},
		{"bare", func(t *testing.T, g *testenv.Git) (string, map[string]string) {
			store := g.Init(filepath.Join(t.TempDir(), "r.git"), "--bare")
			return store, map[string]string{"GIT_DIR": "."}
		}},
		{"GIT_WORK_TREE alone", func(t *testing.T, g *testenv.Git) (string, map[string]string) {
			tmp := t.TempDir()
			r := g.Init(filepath.Join(tmp, "r"))
			return r, map[string]string{"GIT_WORK_TREE": mkdir(t, filepath.Join(tmp, "other"))}
		}},
		{"nothing set: discovery", func(t *testing.T, g *testenv.Git) (string, map[string]string) {
			_, linked := g.Worktree(nil)
			return linked, map[string]string{}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := testenv.NewGit(t)
			start, env := tt.setup(t, g)
			got, err := FindEnv(start, func(k string) string { return env[k] })
			if err != nil {
				t.Fatal(err)
			}
			var envList []string
			for k, v := range env {
				envList = append(envList, k+"="+v)
			}
			if want := gitSays(t, g, start, envList); *got != want {
				t.Errorf("FindEnv = %+v\ngit says  %+v", *got, want)
			}
		})
	}
	if _, err := FindEnv(t.TempDir(), func(k string) string {
		if k == "GIT_DIR" {
			return "nope"
		}
		return ""
	}); !errors.Is(err, ErrNotRepository) {
		t.Errorf("GIT_DIR to nowhere: err = %v, want ErrNotRepository", err)
	}
}
