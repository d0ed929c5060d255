package gitops

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/secretsweep/secretsweep/internal/testenv"
)

func TestMain(m *testing.M) { os.Exit(testenv.Run(m)) }

func write(t *testing.T, dir, rel, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(rel)), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestChanged: the files git status lists (modified, staged, untracked,
// deleted) are changed; clean and ignored ones are not, in the main work
// tree and in a linked one.
func TestChanged(t *testing.T) {
	g := testenv.NewGit(t)
	files := map[string]string{"clean.txt": "a\n", "mod.txt": "a\n", "staged.txt": "a\n", "gone.txt": "a\n", ".gitignore": "*.local\n", "d/clean.txt": "a\n"}
	main, linked := g.Worktree(files)
	for _, root := range []string{main, linked} {
		write(t, root, "mod.txt", "b\n")
		write(t, root, "staged.txt", "b\n")
		g.Git(root, "add", "staged.txt")
		write(t, root, "new.txt", "b\n")
		write(t, root, "dev.local", "b\n")
		if err := os.Remove(filepath.Join(root, "gone.txt")); err != nil {
			t.Fatal(err)
		}
		got, err := Git{}.Changed(root)
		if err != nil {
			t.Fatalf("Changed(%s): %v", root, err)
		}
		want := []string{"gone.txt", "mod.txt", "new.txt", "staged.txt"}
		if keys := slices.Sorted(maps.Keys(got)); !slices.Equal(keys, want) {
			t.Errorf("Changed(%s) = %v, want %v", filepath.Base(root), keys, want)
		}
	}
	if _, err := (Git{}).Changed(t.TempDir()); err == nil {
		t.Error("Changed outside a repository: no error")
	}
}

func TestOriginURL(t *testing.T) {
	g := testenv.NewGit(t)
	for _, tc := range []struct {
		name    string
		remotes [][2]string
		want    string
	}{
		{"none", nil, ""},
		{"origin", [][2]string{{"alpha", "https://example.com/a.git"}, {"origin", "https://example.com/o.git"}}, "https://example.com/o.git"},
		{"first without origin", [][2]string{{"alpha", "https://example.com/a.git"}, {"beta", "https://example.com/b.git"}}, "https://example.com/a.git"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			main, linked := g.Worktree(map[string]string{"f": "x\n"})
			for _, r := range tc.remotes {
				g.Git(main, "remote", "add", r[0], r[1])
			}
			for _, root := range []string{main, linked} {
				if got := (Git{}).OriginURL(root); got != tc.want {
					t.Errorf("OriginURL(%s) = %q, want %q", filepath.Base(root), got, tc.want)
				}
			}
		})
	}
}
