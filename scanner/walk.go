package scanner

import (
	"container/heap"
	"context"
	"errors"
	"fmt"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/secretsweep/secretsweep/internal/odb"
)

// walkAll sends every commit reachable from tips to out, each once, with
// its parents' trees resolved (each commit object is read once: a worker
// needs its parents' trees, and the walk reads the parents anyway). Missing
// commits are counted and skipped.
func walkAll(ctx context.Context, db *odb.DB, tips []plumbing.Hash, out chan<- *commit, missing func(plumbing.Hash)) error {
	// state of every commit met: its tree once read, and whether walked.
	type state struct {
		tree   plumbing.Hash
		read   bool
		walked bool
	}
	states := make(map[plumbing.Hash]state, 1024)
	pending := map[plumbing.Hash]*commit{} // read as a parent, not yet walked
	read := func(h plumbing.Hash) (*commit, error) {
		if c, ok := pending[h]; ok {
			delete(pending, h)
			return c, nil
		}
		c, err := getCommit(db, h)
		if err == nil {
			st := states[h]
			st.tree, st.read = c.tree, true
			states[h] = st
		}
		return c, err
	}
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
		c, err := read(h)
		if err != nil {
			if errors.Is(err, errMissing) || errors.Is(err, errCorrupt) {
				missing(h)
				continue
			}
			return fmt.Errorf("read commit %s: %w", h, err)
		}
		c.parentTrees = make([]plumbing.Hash, 0, len(c.parents))
		for _, p := range c.parents {
			ps := states[p]
			t := ps.tree
			if !ps.read {
				pc, err := getCommit(db, p)
				if err != nil {
					if errors.Is(err, errMissing) || errors.Is(err, errCorrupt) {
						missing(p) // shallow boundary: treat as a root commit
						continue
					}
					return fmt.Errorf("read commit %s: %w", p, err)
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
func walkRange(ctx context.Context, db *odb.DB, include, exclude []plumbing.Hash, out chan<- *commit, missing func(plumbing.Hash)) error {
	q := &commitQueue{}
	state := map[plumbing.Hash]uint8{} // 1 queued interesting, 2 uninteresting
	interesting := 0
	push := func(h plumbing.Hash, bad bool) error {
		prev := state[h]
		if prev == 2 || (prev == 1 && !bad) {
			return nil
		}
		c, err := getCommit(db, h)
		if err != nil {
			if errors.Is(err, errMissing) || errors.Is(err, errCorrupt) {
				missing(h)
				return nil
			}
			return fmt.Errorf("read commit %s: %w", h, err)
		}
		if bad {
			state[h] = 2
		} else {
			state[h] = 1
			interesting++
		}
		heap.Push(q, queued{c, bad})
		return nil
	}
	for _, h := range exclude {
		if err := push(h, true); err != nil {
			return err
		}
	}
	for _, h := range include {
		if err := push(h, false); err != nil {
			return err
		}
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
		for _, p := range it.c.parents {
			if err := push(p, bad); err != nil {
				return err
			}
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
