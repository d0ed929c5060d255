package gitopen

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/secretsweep/secretsweep/internal/gitrepo"
	"github.com/secretsweep/secretsweep/internal/testenv"
)

func TestMain(m *testing.M) { os.Exit(testenv.Run(m)) }

// A linked worktree opened through Repo sees the repository's
// branches, remotes and config, and its own HEAD.
func TestOpenLinkedWorktree(t *testing.T) {
	g := testenv.NewGit(t)
	main, linked := g.Worktree(map[string]string{"f": "x\n"})
	g.Git(main, "remote", "add", "origin", "https://github.com/example-owner/example-repo.git")
	head := g.Commit(linked, "on linked", map[string]string{"g": "y\n"})
	r, err := gitrepo.Find(linked)
	if err != nil {
		t.Fatal(err)
	}
	repo, err := Repo(r)
	if err != nil {
		t.Fatal(err)
	}
	h, err := repo.Head()
	if err != nil {
		t.Fatal(err)
	}
	if h.Name() != plumbing.NewBranchReferenceName("linked") || h.Hash().String() != head {
		t.Errorf("HEAD = %s %s, want refs/heads/linked %s", h.Name(), h.Hash(), head)
	}
	if _, err := repo.Reference(plumbing.NewBranchReferenceName("main"), true); err != nil {
		t.Errorf("branch main: %v", err)
	}
	if rem, err := repo.Remote("origin"); err != nil || rem.Config().URLs[0] != "https://github.com/example-owner/example-repo.git" {
		t.Errorf("remote origin: %v", err)
	}
	wt, err := repo.Worktree()
	if err != nil || wt.Filesystem.Root() != r.Root {
		t.Errorf("work tree = %v, %v; want %s", wt, err, r.Root)
	}
	idx, err := ReadIndex(r, "")
	if err != nil || len(idx.Entries) != 2 {
		t.Errorf("index: %v entries, %v", idx, err)
	}
	if _, err := ReadIndex(r, filepath.Join(r.GitDir, "FAKE-missing-index")); err == nil {
		t.Error("a missing explicit index was read")
	}
}
