package hook

import (
	"github.com/secretsweep/secretsweep/internal/gitrepo"
)

// ErrNotRepository is returned when no git repository contains the path.
var ErrNotRepository = gitrepo.ErrNotRepository

// Repo is a located repository (root, git directory, common directory)
// with the questions hooks ask about it.
type Repo struct {
	gitrepo.Repo
}

// FindRepo locates the repository containing start, walking up the
// directory tree like git does (gitrepo.Find: linked worktrees, submodules
// and bare repositories included).
func FindRepo(start string) (*Repo, error) {
	r, err := gitrepo.Find(start)
	if err != nil {
		return nil, err
	}
	return &Repo{*r}, nil
}
