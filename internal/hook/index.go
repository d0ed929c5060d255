package hook

import (
	"fmt"
	"os"
	"path/filepath"
)

// git runs the pre-commit hook of "git commit -a" and "git commit PATHS"
// with GIT_INDEX_FILE naming a temporary index that holds what is being
// committed; .git/index does not have it yet. scanner.Options has no index
// path, so indexOverlay builds a throw-away linked-worktree-style git
// directory that shares the repository's objects, refs and config
// (commondir) but has that index and the current HEAD. Scanning it in
// ModeStaged scans exactly what git is about to commit.
//
// (If scanner.Options gains an index path, this file can go.)

// indexOverlay returns the work directory of the overlay and a cleanup func.
func indexOverlay(repo *Repo, indexFile string) (string, func(), error) {
	index, err := os.ReadFile(indexFile)
	if err != nil {
		return "", nil, fmt.Errorf("read GIT_INDEX_FILE: %w", err)
	}
	head, err := os.ReadFile(filepath.Join(repo.GitDir, "HEAD"))
	if err != nil {
		return "", nil, fmt.Errorf("read HEAD: %w", err)
	}
	common, err := filepath.Abs(repo.CommonDir)
	if err != nil {
		return "", nil, err
	}
	dir, err := os.MkdirTemp("", "secretsweep-index-")
	if err != nil {
		return "", nil, fmt.Errorf("staged scan: %w", err)
	}
	cleanup := func() { os.RemoveAll(dir) }
	gitDir := filepath.Join(dir, "gitdir")
	files := []struct {
		path string
		data []byte
	}{
		{filepath.Join(gitDir, "commondir"), []byte(common + "\n")},
		{filepath.Join(gitDir, "HEAD"), head},
		{filepath.Join(gitDir, "index"), index},
		{filepath.Join(dir, ".git"), []byte("gitdir: " + gitDir + "\n")},
	}
	if err := os.Mkdir(gitDir, 0o700); err != nil {
		cleanup()
		return "", nil, fmt.Errorf("staged scan: %w", err)
	}
	for _, f := range files {
		if err := os.WriteFile(f.path, f.data, 0o600); err != nil {
			cleanup()
			return "", nil, fmt.Errorf("staged scan: %w", err)
		}
	}
	return dir, cleanup, nil
}

// usesOtherIndex reports whether GIT_INDEX_FILE (as git set it for the
// hook, relative to the hook's working directory) names an index other than
// the repository's own.
func usesOtherIndex(repo *Repo, indexFile string) (string, bool) {
	if indexFile == "" {
		return "", false
	}
	abs, err := filepath.Abs(indexFile)
	if err != nil {
		return "", false
	}
	own := filepath.Join(repo.GitDir, "index")
	if sameFile(abs, own) {
		return "", false
	}
	return abs, true
}

func sameFile(a, b string) bool {
	if filepath.Clean(a) == filepath.Clean(b) {
		return true
	}
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(sa, sb)
}
