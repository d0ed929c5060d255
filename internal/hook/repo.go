package hook

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// ErrNotRepository is returned when no git repository contains the path.
var ErrNotRepository = errors.New("not a git repository (or any parent directory)")

// Repo holds the directories of a repository.
type Repo struct {
	// Root is the top of the working tree; empty for a bare repository.
	Root string
	// GitDir is the repository's git directory (a linked worktree has its own).
	GitDir string
	// CommonDir is the directory shared by all worktrees (hooks, config, objects).
	CommonDir string
}

// FindRepo locates the repository containing start, walking up the
// directory tree like git does. A ".git" file (linked worktree, submodule)
// is followed to its git directory.
func FindRepo(start string) (*Repo, error) {
	dir, err := filepath.Abs(start)
	if err != nil {
		return nil, fmt.Errorf("path %s: %w", start, err)
	}
	for {
		dotgit := filepath.Join(dir, ".git")
		st, err := os.Stat(dotgit)
		switch {
		case err == nil && st.IsDir():
			return newRepo(dir, dotgit)
		case err == nil && st.Mode().IsRegular():
			gd, err := readGitFile(dotgit)
			if err != nil {
				return nil, err
			}
			return newRepo(dir, gd)
		}
		if isGitDir(dir) {
			return newRepo("", dir)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return nil, fmt.Errorf("%s: %w", start, ErrNotRepository)
		}
		dir = parent
	}
}

func newRepo(root, gitDir string) (*Repo, error) {
	r := &Repo{Root: root, GitDir: gitDir, CommonDir: gitDir}
	data, err := os.ReadFile(filepath.Join(gitDir, "commondir"))
	if err == nil {
		cd := strings.TrimSpace(string(data))
		if !filepath.IsAbs(cd) {
			cd = filepath.Join(gitDir, cd)
		}
		r.CommonDir = filepath.Clean(cd)
	} else if !os.IsNotExist(err) {
		return nil, fmt.Errorf("read %s: %w", filepath.Join(gitDir, "commondir"), err)
	}
	return r, nil
}

// readGitFile reads a ".git" file of the form "gitdir: <path>".
func readGitFile(path string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("read %s: %w", path, err)
	}
	line := strings.TrimSpace(string(data))
	gd, ok := strings.CutPrefix(line, "gitdir:")
	if !ok {
		return "", fmt.Errorf("%s: not a gitdir file", path)
	}
	gd = strings.TrimSpace(gd)
	if !filepath.IsAbs(gd) {
		gd = filepath.Join(filepath.Dir(path), gd)
	}
	return filepath.Clean(gd), nil
}

// isGitDir reports whether dir looks like a (bare) git directory.
func isGitDir(dir string) bool {
	for _, name := range []string{"HEAD", "objects", "refs"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			return false
		}
	}
	return true
}
