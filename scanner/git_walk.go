package scanner

import (
	"container/heap"
	"context"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/secretsweep/secretsweep/internal/odb"
)

// commitReader reads commits for the walks. A commit of .git/shallow loses
// its parents, as git shows a shallow clone; a commit that cannot be read
// goes to failed, and the walk carries on without it.
type commitReader struct {
	db      *odb.DB
	shallow map[plumbing.Hash]bool
	failed  func(readFailure)
}

// read reads commit h; where says how the walk reached it (a ref, "parent
// of X"). ok is false when it could not be read (reported to failed).
func (cr *commitReader) read(h plumbing.Hash, where func() string) (*commit, bool) {
	c, err := getCommit(cr.db, h)
	if err != nil {
		cr.failed(readFailure{hash: h, kind: "commit", where: where(), err: err})
		return nil, false
	}
	if cr.shallow[h] {
		c.parents, c.shallow = nil, true
	}
	return c, true
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

// walkRange sends the commits reachable from include but not from exclude.
// Like git rev-list, it walks newest first and stops once only excluded
// commits remain queued, so a short range in a long history stays cheap.
// names gives the revision of each end for reports of unreadable commits.
func walkRange(ctx context.Context, cr *commitReader, include, exclude []plumbing.Hash, names map[plumbing.Hash]string, out chan<- *commit) error {
	q := &commitQueue{}
	state := map[plumbing.Hash]uint8{} // 1 queued interesting, 2 uninteresting, 3 unreadable
	interesting := 0
	push := func(h plumbing.Hash, bad bool, where func() string) {
		prev := state[h]
		if prev >= 2 || (prev == 1 && !bad) {
			return
		}
		c, ok := cr.read(h, where)
		if !ok {
			state[h] = 3
			return
		}
		if bad {
			state[h] = 2
		} else {
			state[h] = 1
			interesting++
		}
		heap.Push(q, queued{c, bad})
	}
	end := func(h plumbing.Hash) func() string { return func() string { return names[h] } }
	for _, h := range exclude {
		push(h, true, end(h))
	}
	for _, h := range include {
		push(h, false, end(h))
	}
	emitted := map[plumbing.Hash]bool{}
	for q.Len() > 0 && interesting > 0 {
		if err := ctx.Err(); err != nil {
			return err
		}
		it := heap.Pop(q).(queued)
		bad := state[it.c.hash] == 2
		if !it.bad {
			interesting--
		}
		if it.bad != bad {
			continue // superseded by an uninteresting entry
		}
		if !bad && !emitted[it.c.hash] {
			emitted[it.c.hash] = true
			select {
			case out <- it.c:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		child := it.c.hash
		for _, p := range it.c.parents {
			push(p, bad, func() string { return "parent of " + child.String() })
		}
	}
	return nil
}

type queued struct {
	c   *commit
	bad bool
}

// commitQueue is a max-heap by committer date.
type commitQueue []queued

func (q commitQueue) Len() int { return len(q) }
func (q commitQueue) Less(i, j int) bool {
	return q[i].c.committer.when.After(q[j].c.committer.when)
}
func (q commitQueue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *commitQueue) Push(x any)   { *q = append(*q, x.(queued)) }
func (q *commitQueue) Pop() any {
	old := *q
	it := old[len(old)-1]
	*q = old[:len(old)-1]
	return it
}
