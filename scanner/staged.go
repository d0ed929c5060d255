package scanner

import (
	"context"
	"errors"
	"fmt"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// staged scans what the index adds relative to HEAD.
func (g *gitScan) staged(ctx context.Context, r *git.Repository) (*Result, error) {
	idx, err := r.Storer.Index()
	if err != nil {
		return nil, fmt.Errorf("read index: %w", err)
	}
	var tree *object.Tree
	if head, err := r.Head(); err == nil {
		c, err := r.CommitObject(head.Hash())
		if err != nil {
			return nil, fmt.Errorf("read HEAD: %w", err)
		}
		if tree, err = c.Tree(); err != nil {
			return nil, fmt.Errorf("read HEAD tree: %w", err)
		}
	} else if !errors.Is(err, plumbing.ErrReferenceNotFound) {
		return nil, fmt.Errorf("read HEAD: %w", err)
	}
	res := &Result{}
	for _, e := range idx.Entries {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if e.Stage != 0 || !(e.Mode == filemode.Regular || e.Mode == filemode.Executable) {
			continue
		}
		old := plumbing.ZeroHash
		if tree != nil {
			if te, err := tree.FindEntry(e.Name); err == nil {
				if te.Hash == e.Hash {
					continue
				}
				old = te.Hash
			}
		}
		found, st := g.s.scanBlobChange(ctx, r, change{path: e.Name, old: old, new: e.Hash}, g.missing, nil)
		res.Findings = append(res.Findings, found...)
		res.Stats.Files += st.Files
		res.Stats.SkippedBinary += st.SkippedBinary
		res.Stats.SkippedLarge += st.SkippedLarge
	}
	res.Stats.MissingObjects = g.stats.MissingObjects
	return res, nil
}
