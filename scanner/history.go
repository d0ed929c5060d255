package scanner

import (
	"context"

	"github.com/go-git/go-git/v5/plumbing"
)

// History mode (ModeHistory) scans every commit reachable from any ref,
// each change once (git_scan.go), as git log --all lists them.

// historyWalker walks every commit reachable from a ref.
func (g *gitScan) historyWalker(r *repo, cr *commitReader) (func(context.Context, chan<- *commit) error, error) {
	tips, names, err := refTips(r, "", g.readFailed)
	if err != nil {
		return nil, err
	}
	return func(ctx context.Context, out chan<- *commit) error {
		if c := g.s.opts.Counters; c != nil && c.CountTotal {
			// Beside the walk; scanGit waits for it (its context ends it on errors).
			g.background.Add(1)
			go func() {
				defer g.background.Done()
				countCommits(ctx, r, tips, c)
			}()
		}
		return walkAll(ctx, cr, tips, names, out)
	}, nil
}

// walkAll sends every commit reachable from tips to out, each once, with
// its parents' trees resolved (each commit object is read once: a worker
// needs its parents' trees, and the walk reads the parents anyway).
// Commits that cannot be read are reported and skipped; names gives the
// ref of each tip for those reports.
func walkAll(ctx context.Context, cr *commitReader, tips []plumbing.Hash, names map[plumbing.Hash]string, out chan<- *commit) error {
	// state of every commit met: its tree once read, and whether walked.
	type state struct {
		tree   plumbing.Hash
		read   bool
		walked bool
	}
	states := make(map[plumbing.Hash]state, 1024)
	pending := map[plumbing.Hash]*commit{} // read as a parent, not yet walked
	stack := append([]plumbing.Hash{}, tips...)
	for len(stack) > 0 {
		h := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		st := states[h]
		if st.walked {
			continue
		}
		st.walked = true
		states[h] = st
		c, ok := pending[h]
		if ok {
			delete(pending, h)
		} else {
			// Only tips are read here: parents were read below.
			if c, ok = cr.read(h, func() string { return names[h] }); !ok {
				continue
			}
			st.tree, st.read = c.tree, true
			states[h] = st
		}
		c.parentTrees = make([]plumbing.Hash, 0, len(c.parents))
		for _, p := range c.parents {
			ps := states[p]
			t := ps.tree
			if !ps.read {
				pc, ok := cr.read(p, func() string { return "parent of " + c.hash.String() })
				if !ok {
					ps.walked = true // nothing more to learn from it
					states[p] = ps
					continue // c is diffed as if p were not a parent
				}
				t, ps.tree, ps.read = pc.tree, pc.tree, true
				states[p] = ps
				if !ps.walked {
					pending[p] = pc
				}
			}
			c.parentTrees = append(c.parentTrees, t)
		}
		select {
		case out <- c:
		case <-ctx.Done():
			return ctx.Err()
		}
		stack = append(stack, c.parents...)
	}
	return nil
}
