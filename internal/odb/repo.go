package odb

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// ObjectsDir finds the objects directory of a repository opened with
// go-git, following a linked worktree's commondir.
func ObjectsDir(r *git.Repository) (string, error) {
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

// PeelCommit follows annotated tags from h to a commit. ok is false when h
// or a tag target is missing, or the chain ends at a tree or blob; err
// reports unreadable objects.
func (db *DB) PeelCommit(h plumbing.Hash) (c plumbing.Hash, ok bool, err error) {
	c, t, err := db.Peel(h)
	switch {
	case errors.Is(err, ErrNotFound):
		return c, false, nil
	case err != nil:
		return c, false, err
	}
	return c, t == Commit, nil
}

// Peel follows annotated tags from h and returns the object at the end of
// the chain and its type. Errors keep ErrNotFound (h or a tag's target is
// absent) apart from ErrCorrupt (present but unreadable, or a tag that
// names no object).
func (db *DB) Peel(h plumbing.Hash) (plumbing.Hash, Type, error) {
	for i := 0; i < 10; i++ {
		t, data, err := db.Read(h, 0)
		if err != nil {
			return h, 0, err
		}
		if t != Tag {
			return h, t, nil
		}
		line, _, _ := bytes.Cut(data, []byte{'\n'})
		v, found := bytes.CutPrefix(line, []byte("object "))
		if !found || len(v) != 40 {
			return h, t, fmt.Errorf("tag %s: no object line: %w", h, ErrCorrupt)
		}
		if _, err := hex.Decode(h[:], v); err != nil {
			return h, t, fmt.Errorf("tag %s: bad object line: %w", h, ErrCorrupt)
		}
	}
	return h, Tag, fmt.Errorf("tag %s: chain of tags too long: %w", h, ErrCorrupt)
}
