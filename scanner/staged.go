package scanner

import (
	"context"
	"errors"
	"fmt"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"

	"github.com/secretsweep/secretsweep/internal/gitrepo/gitopen"
)

// staged scans what the index (Options.IndexPath, else the repository's)
// adds relative to HEAD.
func (g *gitScan) staged(ctx context.Context, r *repo) (*Result, error) {
	idx, err := gitopen.ReadIndex(r.loc, g.s.opts.IndexPath)
	if err != nil {
		return nil, err
	}
	g.s.stagedChanges(idx)
	d := &differ{db: r.db, failed: g.readFailed, cache: g.trees}
	root := plumbing.ZeroHash
	if head, err := r.git.Head(); err == nil {
		c, err := getCommit(r.db, head.Hash())
		if err != nil {
			return nil, fmt.Errorf("read HEAD: commit %s: %w", head.Hash(), err)
		}
		root, d.commit = c.tree, c.hash
	} else if !errors.Is(err, plumbing.ErrReferenceNotFound) {
		return nil, fmt.Errorf("read HEAD: %w", err)
	}
	res := &Result{}
	br := &blobReader{db: r.db}
	inIndex := func(f readFailure) {
		f.where += " in the index"
		g.readFailed(f)
	}
	for _, e := range idx.Entries {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if e.Stage != 0 || !(e.Mode == filemode.Regular || e.Mode == filemode.Executable) {
			continue
		}
		old, err := d.lookup(root, e.Name)
		if err != nil {
			return nil, err
		}
		if old == e.Hash {
			continue
		}
		found, st := g.s.scanBlobChange(ctx, br, change{path: e.Name, old: old, new: e.Hash}, inIndex)
		res.Findings = append(res.Findings, found...)
		res.Stats.Files += st.Files
		res.Stats.SkippedBinary += st.SkippedBinary
		res.Stats.SkippedLarge += st.SkippedLarge
		res.Stats.Warnings = append(res.Stats.Warnings, st.Warnings...)
	}
	return res, g.finish(r, res)
}
