package scanner

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/storage/filesystem"

	"github.com/secretsweep/secretsweep/internal/odb"
)

// openRepo opens the repository containing path (a work tree, a .git
// directory or a bare repository).
func openRepo(path string) (*git.Repository, error) {
	r, err := git.PlainOpenWithOptions(path, &git.PlainOpenOptions{DetectDotGit: true, EnableDotGitCommonDir: true})
	if errors.Is(err, git.ErrRepositoryNotExists) {
		r, err = git.PlainOpen(path) // a bare repository
	}
	if err != nil {
		if errors.Is(err, git.ErrRepositoryNotExists) {
			return nil, fmt.Errorf("%s: %w", path, ErrNotRepository)
		}
		return nil, fmt.Errorf("open repository %s: %w", path, err)
	}
	return r, nil
}

// repo is an open repository: go-git for references, configuration and the
// index; odb for objects, which a scan reads by the million (see odb's
// package comment for why not go-git).
type repo struct {
	git *git.Repository
	db  *odb.DB
}

// openScanRepo opens the repository at path for a read-only scan; workers
// share it. Call close when done.
func openScanRepo(path string) (*repo, error) {
	g, err := openRepo(path)
	if err != nil {
		return nil, err
	}
	dir, err := objectsDir(g)
	if err != nil {
		return nil, err
	}
	db, err := odb.Open(dir, odb.Options{})
	if err != nil {
		return nil, fmt.Errorf("open repository %s: %w", path, err)
	}
	return &repo{git: g, db: db}, nil
}

func (r *repo) close() { r.db.Close() }

// objectsDir finds the objects directory of a go-git repository, following
// a linked worktree's commondir.
func objectsDir(r *git.Repository) (string, error) {
	st, ok := r.Storer.(*filesystem.Storage)
	if !ok {
		return "", errors.New("repository has no object directory")
	}
	dir := st.Filesystem().Root()
	if b, err := os.ReadFile(filepath.Join(dir, "commondir")); err == nil {
		common := strings.TrimSpace(string(b))
		if !filepath.IsAbs(common) {
			common = filepath.Join(dir, common)
		}
		dir = common
	}
	return filepath.Join(dir, "objects"), nil
}

// repoTop returns the work tree root of the repository at path, or path
// itself for a bare repository.
func repoTop(path string) (string, error) {
	r, err := openRepo(path)
	if err != nil {
		return "", err
	}
	if wt, err := r.Worktree(); err == nil {
		return wt.Filesystem.Root(), nil
	}
	return path, nil
}

// errMissing marks objects absent from the store (shallow or partial clones,
// snapshots without large files).
var errMissing = errors.New("missing object")

// readBlob reads a blob, refusing ones above max bytes (max <= 0: no limit).
// It returns errTooLarge or errMissing for those cases.
func readBlob(db *odb.DB, h plumbing.Hash, max int64) ([]byte, error) {
	return readObject(db, h, odb.Blob, max)
}

var errTooLarge = errors.New("too large")

// refTips returns the commits that every reference points at.
func refTips(r *repo, prefix string) ([]plumbing.Hash, error) {
	iter, err := r.git.Storer.IterReferences()
	if err != nil {
		return nil, fmt.Errorf("list references: %w", err)
	}
	seen := map[plumbing.Hash]bool{}
	var tips []plumbing.Hash
	add := func(h plumbing.Hash) {
		if c, ok := peelToCommit(r.db, h); ok && !seen[c] {
			seen[c] = true
			tips = append(tips, c)
		}
	}
	err = iter.ForEach(func(ref *plumbing.Reference) error {
		if ref.Type() == plumbing.HashReference && strings.HasPrefix(ref.Name().String(), prefix) {
			add(ref.Hash())
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if prefix == "" {
		if head, err := r.git.Head(); err == nil {
			add(head.Hash())
		}
	}
	return tips, nil
}

// resolveCommit turns a revision (sha, branch, tag, HEAD~2 ...) into a
// commit. Full hashes and plain reference names are resolved directly;
// anything else goes through go-git's revision parser.
func resolveCommit(r *repo, rev string) (plumbing.Hash, error) {
	h, ok := plumbing.Hash{}, false
	if b := []byte(rev); len(b) == 40 {
		if h, ok = parseHex(b); ok && !r.db.Has(h) {
			return plumbing.ZeroHash, fmt.Errorf("unknown revision %q: object not found", rev)
		}
	}
	if !ok {
		for _, name := range []string{rev, "refs/" + rev, "refs/tags/" + rev, "refs/heads/" + rev, "refs/remotes/" + rev, "refs/remotes/" + rev + "/HEAD"} {
			if ref, err := r.git.Reference(plumbing.ReferenceName(name), true); err == nil {
				h, ok = ref.Hash(), true
				break
			}
		}
	}
	if !ok {
		p, err := r.git.ResolveRevision(plumbing.Revision(rev))
		if err != nil {
			return plumbing.ZeroHash, fmt.Errorf("unknown revision %q: %v", rev, err)
		}
		h = *p
	}
	c, ok := peelToCommit(r.db, h)
	if !ok {
		return plumbing.ZeroHash, fmt.Errorf("revision %q is not a commit", rev)
	}
	return c, nil
}
