// Package gitopen opens the repositories package gitrepo finds with
// go-git. It is apart from gitrepo so that what needs only a repository's
// directories, its state directory or atomic writes (migrate, the report
// writers) does not link go-git.
package gitopen

import (
	"bufio"
	"errors"
	"fmt"
	"os"

	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/format/index"
	"github.com/go-git/go-git/v5/storage/filesystem"
	"github.com/go-git/go-git/v5/storage/filesystem/dotgit"

	"github.com/secretsweep/secretsweep/internal/gitrepo"
)

// Repo opens r with go-git: HEAD and the index come from GitDir, objects,
// references and config from CommonDir (so a linked worktree sees the
// repository's branches and remotes), files from Root (no work tree when
// bare).
func Repo(r *gitrepo.Repo) (*git.Repository, error) {
	var fs billy.Filesystem = osfs.New(r.GitDir)
	if r.CommonDir != "" && r.CommonDir != r.GitDir {
		fs = dotgit.NewRepositoryFilesystem(fs, osfs.New(r.CommonDir))
	}
	var wt billy.Filesystem
	if r.Root != "" {
		wt = osfs.New(r.Root)
	}
	g, err := git.Open(filesystem.NewStorage(fs, cache.NewObjectLRUDefault()), wt)
	if err != nil {
		if errors.Is(err, git.ErrRepositoryNotExists) {
			return nil, fmt.Errorf("%s: %w", r.GitDir, gitrepo.ErrNotRepository)
		}
		return nil, fmt.Errorf("open repository %s: %w", r.GitDir, err)
	}
	return g, nil
}

// Open finds the repository containing path (gitrepo.Find) and opens it.
func Open(path string) (*git.Repository, *gitrepo.Repo, error) {
	r, err := gitrepo.Find(path)
	if err != nil {
		return nil, nil, err
	}
	g, err := Repo(r)
	if err != nil {
		return nil, nil, err
	}
	return g, r, nil
}

// ReadIndex reads the index file at path; "" means r's own. A missing own
// index is an empty one (a repository with nothing staged yet); a missing
// explicit one is an error.
func ReadIndex(r *gitrepo.Repo, path string) (*index.Index, error) {
	own := path == ""
	if own {
		path = r.IndexFile()
	}
	idx := &index.Index{Version: 2}
	f, err := os.Open(path)
	if err != nil {
		if own && errors.Is(err, os.ErrNotExist) {
			return idx, nil
		}
		return nil, fmt.Errorf("read index: %w", err)
	}
	defer f.Close()
	if err := index.NewDecoder(bufio.NewReader(f)).Decode(idx); err != nil {
		return nil, fmt.Errorf("read index %s: %w", path, err)
	}
	return idx, nil
}
