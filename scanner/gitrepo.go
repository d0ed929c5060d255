package scanner

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage/filesystem"
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

// openScanRepo opens the repository for a read-only scan. For a bulk scan
// (whole history) pack files
// stay open (go-git otherwise reopens a pack for every object, which
// profiling showed to be a third of a history scan) and a larger object
// cache keeps recently used trees and delta bases. Call close when done.
func openScanRepo(path string, bulk bool) (r *git.Repository, close func(), err error) {
	base, err := openRepo(path)
	if err != nil {
		return nil, nil, err
	}
	if !bulk {
		// A few commits: go-git's defaults avoid indexing every pack offset
		// up front, which costs more than the scan itself on a large pack.
		return base, func() {}, nil
	}
	fsStore, ok := base.Storer.(*filesystem.Storage)
	if !ok {
		return base, func() {}, nil
	}
	st := filesystem.NewStorageWithOptions(fsStore.Filesystem(), cache.NewObjectLRU(16*cache.MiByte),
		filesystem.Options{KeepDescriptors: true, ExclusiveAccess: true})
	var wt billy.Filesystem
	if w, err := base.Worktree(); err == nil {
		wt = w.Filesystem
	}
	r, err = git.Open(st, wt)
	if err != nil {
		st.Close()
		return nil, nil, fmt.Errorf("open repository %s: %w", path, err)
	}
	return r, func() { st.Close() }, nil
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
func readBlob(r *git.Repository, h plumbing.Hash, max int64) ([]byte, error) {
	obj, err := r.Storer.EncodedObject(plumbing.BlobObject, h)
	if err != nil {
		if errors.Is(err, plumbing.ErrObjectNotFound) {
			return nil, errMissing
		}
		return nil, err
	}
	if max > 0 && obj.Size() > max {
		return nil, errTooLarge
	}
	rd, err := obj.Reader()
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	buf := bytes.NewBuffer(make([]byte, 0, obj.Size()))
	if _, err := buf.ReadFrom(rd); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

var errTooLarge = errors.New("too large")

// commitInfo extracts the metadata reported with findings.
func commitInfo(c *object.Commit) *CommitInfo {
	return &CommitInfo{
		SHA:     c.Hash.String(),
		Author:  c.Author.Name,
		Email:   c.Author.Email,
		Date:    c.Author.When.UTC().Format(time.RFC3339),
		Message: strings.TrimSpace(c.Message),
	}
}

// peelToCommit resolves a reference target (commit or annotated tag chain)
// to a commit hash; ok is false for tags of trees or blobs.
func peelToCommit(r *git.Repository, h plumbing.Hash) (plumbing.Hash, bool) {
	for i := 0; i < 10; i++ {
		obj, err := r.Storer.EncodedObject(plumbing.AnyObject, h)
		if err != nil {
			return h, false
		}
		switch obj.Type() {
		case plumbing.CommitObject:
			return h, true
		case plumbing.TagObject:
			t, err := object.DecodeTag(r.Storer, obj)
			if err != nil {
				return h, false
			}
			h = t.Target
		default:
			return h, false
		}
	}
	return h, false
}

// refTips returns the commits that every reference points at.
func refTips(r *git.Repository, prefix string) ([]plumbing.Hash, error) {
	iter, err := r.Storer.IterReferences()
	if err != nil {
		return nil, fmt.Errorf("list references: %w", err)
	}
	seen := map[plumbing.Hash]bool{}
	var tips []plumbing.Hash
	add := func(h plumbing.Hash) {
		if c, ok := peelToCommit(r, h); ok && !seen[c] {
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
		if head, err := r.Head(); err == nil {
			add(head.Hash())
		}
	}
	return tips, nil
}

// resolveCommit turns a revision (sha, branch, tag, HEAD~2 ...) into a commit.
func resolveCommit(r *git.Repository, rev string) (plumbing.Hash, error) {
	h, err := r.ResolveRevision(plumbing.Revision(rev))
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("unknown revision %q: %v", rev, err)
	}
	c, ok := peelToCommit(r, *h)
	if !ok {
		return plumbing.ZeroHash, fmt.Errorf("revision %q is not a commit", rev)
	}
	return c, nil
}
