package hook

import (
	"os"
	"path/filepath"

	"github.com/secretsweep/secretsweep/internal/gitrepo"
)

// git runs the pre-commit hook of "git commit -a" and "git commit PATHS"
// with GIT_INDEX_FILE naming a temporary index that holds what is being
// committed; the repository's own index does not have it yet (the
// pre-commit framework's hooks inherit the variable too). PreCommit hands
// that index to the staged scan (scanner.Options.IndexPath), so it scans
// exactly what git is about to commit.

// usesOtherIndex reports whether GIT_INDEX_FILE (as git set it for the
// hook, relative to the hook's working directory dir) names an index other
// than the repository's own, and returns its absolute path.
func usesOtherIndex(repo *gitrepo.Repo, dir, indexFile string) (string, bool) {
	if indexFile == "" {
		return "", false
	}
	abs := indexFile
	if !filepath.IsAbs(abs) {
		base, err := filepath.Abs(dir)
		if err != nil {
			return "", false
		}
		abs = filepath.Join(base, abs)
	}
	if sameFile(abs, repo.IndexFile()) {
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
