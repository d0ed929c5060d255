package scanner

import (
	"container/heap"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
)

// Range mode (ModeRange) scans the commits of a revision range: reachable
// from Include (or the tip of Range) and from no Exclude (or its base),
// as git log BASE..TIP lists them.

// rangeWalker walks the commits of the range.
func (g *gitScan) rangeWalker(r *repo, cr *commitReader) (func(context.Context, chan<- *commit) error, error) {
	inc, exc, names, err := g.rangeEnds(r)
	if err != nil {
		return nil, err
	}
	return func(ctx context.Context, out chan<- *commit) error {
		return walkRange(ctx, cr, inc, exc, names, out)
	}, nil
}

// parseRange reads a --range argument as git log reads a revision range:
// "A..B" is the commits reachable from B and not from A, an empty side
// meaning HEAD (so ".." is empty and "..B" is HEAD..B); a single revision
// X is every commit reachable from X. base is "" for a single revision.
// Forms that name more than one exclusion (A...B, X^!, X^@) are refused
// rather than misread.
func parseRange(rng string) (tip, base string, err error) {
	bad := func(why string) error { return fmt.Errorf("range %q: %s", rng, why) }
	switch {
	case strings.Contains(rng, "..."):
		return "", "", bad("symmetric ranges (A...B) are not supported; use A..B")
	case strings.Contains(rng, "^!") || strings.Contains(rng, "^@"):
		return "", "", bad("REV^! and REV^@ are not supported; use A..B (REV~1..REV for a commit with one parent)")
	}
	b, t, ok := strings.Cut(rng, "..")
	if !ok {
		return rng, "", nil
	}
	if strings.Contains(t, "..") {
		return "", "", bad(`more than one ".."; want A..B`)
	}
	if b == "" {
		b = "HEAD"
	}
	if t == "" {
		t = "HEAD"
	}
	return t, b, nil
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

// rangeEnds resolves Range (see parseRange) or Include/Exclude, and names
// each end by the revision or ref that gave it.
func (g *gitScan) rangeEnds(r *repo) (inc, exc []plumbing.Hash, names map[plumbing.Hash]string, err error) {
	o := g.s.opts
	incRevs, excRevs, err := rangeRevs(o)
	if err != nil {
		return nil, nil, nil, err
	}
	if len(incRevs) == 0 {
		return nil, nil, nil, errors.New("range: nothing to scan (want --range BASE..HEAD)")
	}
	names = map[plumbing.Hash]string{}
	resolve := func(revs []string) ([]plumbing.Hash, error) {
		var out []plumbing.Hash
		for _, rev := range revs {
			h, err := resolveCommit(r, rev)
			if err != nil {
				return nil, err
			}
			if _, ok := names[h]; !ok {
				names[h] = rev
			}
			out = append(out, h)
		}
		return out, nil
	}
	if inc, err = resolve(incRevs); err != nil {
		return nil, nil, nil, err
	}
	if exc, err = resolve(excRevs); err != nil {
		return nil, nil, nil, err
	}
	if o.ExcludeRemotes {
		tips, refs, err := refTips(r, "refs/remotes/", g.readFailed)
		if err != nil {
			return nil, nil, nil, err
		}
		exc = append(exc, tips...)
		for h, n := range refs {
			if _, ok := names[h]; !ok {
				names[h] = n
			}
		}
	}
	return inc, exc, names, nil
}

// rangeRevs returns the revisions a range scan includes and excludes:
// Range (read by parseRange, as git log reads it) added to Include and
// Exclude. The first exclude revision is the range's base.
func rangeRevs(o Options) (inc, exc []string, err error) {
	inc = append([]string(nil), o.Include...)
	exc = append([]string(nil), o.Exclude...)
	if o.Range != "" {
		head, base, err := parseRange(o.Range)
		if err != nil {
			return nil, nil, err
		}
		inc = append(inc, head)
		if base != "" {
			exc = append(exc, base)
		}
	}
	return inc, exc, nil
}
