// Package gitops is the git side of migrate, with go-git: which files hold
// uncommitted changes, the origin remote's URL, and for --pr the branch,
// commit, push and pull request. Package migrate reaches it through its
// Git and PullRequest interfaces, which cmd wires to this package, so
// migrate itself does not link go-git.
package gitops

import (
	"fmt"

	git "github.com/go-git/go-git/v5"

	"github.com/secretsweep/secretsweep/internal/gitrepo/gitopen"
)

// Git answers migrate's questions about a repository (migrate.Git).
type Git struct{}

// OriginURL returns the URL of remote "origin" (else of the first remote by name)
// of the repository at root, as configured, or "".
func (Git) OriginURL(root string) string {
	repo, _, err := gitopen.Open(root)
	if err != nil {
		return ""
	}
	remotes, err := repo.Remotes()
	if err != nil || len(remotes) == 0 {
		return ""
	}
	// go-git returns remotes in map order: pick origin, else the first by
	// name, so the secrets' names do not change from run to run.
	r := remotes[0]
	for _, x := range remotes {
		if n := x.Config().Name; n == "origin" || (r.Config().Name != "origin" && n < r.Config().Name) {
			r = x
		}
	}
	if urls := r.Config().URLs; len(urls) > 0 {
		return urls[0]
	}
	return ""
}

// Changed returns the files of the repository whose work tree root is
// root (slash paths relative to it) that hold uncommitted changes:
// modified, staged or untracked.
func (Git) Changed(root string) (map[string]bool, error) {
	repo, _, err := gitopen.Open(root)
	if err != nil {
		return nil, err
	}
	wt, err := repo.Worktree()
	if err != nil {
		return nil, err
	}
	st, err := wt.Status()
	if err != nil {
		return nil, fmt.Errorf("git status: %w", err)
	}
	out := map[string]bool{}
	for rel, fs := range st {
		if fs.Staging != git.Unmodified || fs.Worktree != git.Unmodified {
			out[rel] = true
		}
	}
	return out, nil
}
