package scanner

import (
	"context"
	"errors"
	"fmt"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/secretsweep/secretsweep/internal/odb"
)

// gitWorker scans commits; workers share the object database.
type gitWorker struct {
	g    *gitScan
	db   *odb.DB
	diff *differ
}

// commit scans what c adds. Merges contribute only content that differs
// from every parent (conflict resolutions, "evil" merges), as git's
// combined diff shows.
func (w *gitWorker) commit(ctx context.Context, c *commit) (err error) {
	if err := ctx.Err(); err != nil {
		return err
	}
	var changes []change
	deleted := map[plumbing.Hash]string{}
	parents := c.parentTrees
	if parents == nil {
		parents = make([]plumbing.Hash, 0, len(c.parents))
		for _, p := range c.parents {
			pc, err := getCommit(w.db, p)
			if err != nil {
				if errors.Is(err, errMissing) || errors.Is(err, errCorrupt) {
					w.g.missing(p) // shallow boundary: treat as a root commit
					continue
				}
				return fmt.Errorf("read commit %s: %w", p, err)
			}
			parents = append(parents, pc.tree)
		}
	}
	first := plumbing.ZeroHash
	if len(parents) > 0 {
		first = parents[0]
	}
	if err := w.diff.diff(first, c.tree, "", &changes, deleted); err != nil {
		return fmt.Errorf("commit %s: %w", c.hash, err)
	}
	for _, p := range parents[min(1, len(parents)):] {
		var other []change
		if err := w.diff.diff(p, c.tree, "", &other, nil); err != nil {
			return fmt.Errorf("commit %s: %w", c.hash, err)
		}
		changes = intersect(changes, other)
	}
	changes = pairRenames(changes, deleted)
	w.g.mu.Lock()
	w.g.stats.Commits++
	w.g.mu.Unlock()
	for _, ch := range changes {
		cl, first := w.g.claimChange(ch, c)
		if !first {
			continue
		}
		found, st := w.g.s.scanBlobChange(ctx, w.db, ch, w.g.missing, w.g.blobs)
		w.g.mu.Lock()
		cl.findings = found
		w.g.stats.Files += st.Files
		w.g.stats.SkippedBinary += st.SkippedBinary
		w.g.stats.SkippedLarge += st.SkippedLarge
		w.g.mu.Unlock()
	}
	return nil
}

// intersect keeps the changes of a whose path and new blob also differ in b.
func intersect(a, b []change) []change {
	in := make(map[string]plumbing.Hash, len(b))
	for _, c := range b {
		in[c.path] = c.new
	}
	out := a[:0]
	for _, c := range a {
		if h, ok := in[c.path]; ok && h == c.new {
			out = append(out, c)
		}
	}
	return out
}

// scanBlobChange scans the lines that ch adds. Findings carry no commit;
// the caller attributes them.
func (s *session) scanBlobChange(ctx context.Context, db *odb.DB, ch change, missing func(plumbing.Hash), cache *lru[plumbing.Hash, []byte]) ([]Finding, Stats) {
	var st Stats
	var out []Finding
	if ch.old.IsZero() {
		out = s.engine.ScanPath(ctx, ch.path)
	}
	data, cached := cache.get(ch.new, true)
	var err error
	if !cached {
		data, err = readBlob(db, ch.new, s.opts.MaxFileSize)
	}
	switch {
	case errors.Is(err, errMissing):
		missing(ch.new)
		return out, st
	case errors.Is(err, errTooLarge):
		st.SkippedLarge++
		return out, st
	case err != nil:
		missing(ch.new)
		return out, st
	}
	if isBinary(data) {
		st.SkippedBinary++
		return out, st
	}
	var old []byte
	if !ch.old.IsZero() {
		var err error
		if old, err = readBlob(db, ch.old, s.opts.MaxFileSize); err == nil { // unreadable: all lines count as added
			cache.put(ch.old, old, len(old))
		}
	}
	st.Files++
	text := string(data)
	runs := addedRuns(old, data)
	if len(runs) == 1 && runs[0].start == 0 && runs[0].end == len(text) {
		return append(out, s.engine.Scan(ctx, Fragment{Path: ch.path, Text: text, StartLine: 1})...), st
	}
	// Runs that could start a multi-line secret are scanned with a little
	// context, so one whose first or last line also occurs in the old
	// version (a second private key's END line, say) is still seen whole. Only keywords and
	// encoded text on added lines trigger rules (as with git diff -U0), and
	// only findings that touch an added line are kept.
	ix := newLineIndex(text)
	added := make([]bool, ix.lines()+1)
	var spans []window
	for _, r := range runs {
		first, last := r.line-1, ix.line(max(r.end-1, r.start))
		for l := first; l <= last && l < len(added); l++ {
			added[l] = true
		}
		ctxLines := 0
		if s.engine.Multiline(text[r.start:r.end]) {
			ctxLines = contextLines
		}
		spans = append(spans, window{max(first-ctxLines, 0), min(last+ctxLines, ix.lines()-1)})
	}
	for _, w := range mergeWindows(spans) {
		a, b := ix.span(w.a, w.b)
		frag := Fragment{Path: ch.path, Text: text[a:b], StartLine: w.a + 1, Focus: added[w.a : w.b+1]}
		for _, f := range s.engine.Scan(ctx, frag) {
			if touchesAdded(added, f.StartLine-1, f.EndLine-1) {
				out = append(out, f)
			}
		}
	}
	return out, st
}

// contextLines is how many unchanged lines around added ones are scanned.
const contextLines = 3

func touchesAdded(added []bool, a, b int) bool {
	for l := max(a, 0); l <= b && l < len(added); l++ {
		if added[l] {
			return true
		}
	}
	return false
}
