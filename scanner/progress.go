package scanner

import (
	"context"
	"sync/atomic"

	"github.com/go-git/go-git/v5/plumbing"
)

// Counters are a git scan's live progress for a display that the caller
// runs (cmd draws a bar on a terminal from them): the scan only adds to
// them, atomically, and never formats or prints anything. One Counters may
// be shared by several scans (an audit's repositories): they add up.
type Counters struct {
	// Commits scanned, blobs scanned, bytes of blob content read, findings
	// made (before baseline and ignore filters).
	Commits, Blobs, Bytes, Findings atomic.Int64
	// TotalCommits is how many commits the history scans will visit, once
	// counted; 0 while unknown. Only set when CountTotal is.
	TotalCommits atomic.Int64
	// CountTotal asks a history scan to count its commits first, for an
	// ETA: a walk over the commit objects alone, beside the scan (a few
	// percent of its time), setting TotalCommits when done.
	CountTotal bool
}

func (c *Counters) addFindings(n int) {
	if c != nil && n > 0 {
		c.Findings.Add(int64(n))
	}
}

// countCommits counts the commits reachable from tips as walkAll walks
// them, reading each commit object once, and adds the count to
// c.TotalCommits. Commits that cannot be read are skipped silently: the
// scan's own walk reports them.
func countCommits(ctx context.Context, r *repo, tips []plumbing.Hash, c *Counters) {
	cr := &commitReader{db: r.db, shallow: r.shallow, failed: func(readFailure) {}}
	seen := make(map[plumbing.Hash]struct{}, 1024)
	stack := append([]plumbing.Hash{}, tips...)
	n := 0
	for len(stack) > 0 {
		if n%64 == 0 && ctx.Err() != nil {
			return
		}
		h := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if _, ok := seen[h]; ok {
			continue
		}
		seen[h] = struct{}{}
		cm, ok := cr.read(h, func() string { return "" })
		if !ok {
			continue
		}
		n++
		stack = append(stack, cm.parents...)
	}
	c.TotalCommits.Add(int64(n))
}
