package scanner

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unsafe"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/secretsweep/secretsweep/internal/odb"
	"github.com/secretsweep/secretsweep/scanner/engine"
)

// gitWorker scans commits; workers share the object database.
type gitWorker struct {
	g     *gitScan
	db    *odb.DB
	diff  *differ
	blobs blobReader
	cur   plumbing.Hash     // the commit being scanned
	blobF func(readFailure) // reports a blob of cur that cannot be read
}

func newGitWorker(g *gitScan, r *repo) *gitWorker {
	w := &gitWorker{g: g, db: r.db, diff: &differ{db: r.db, failed: g.readFailed, cache: g.trees}, blobs: blobReader{db: r.db}}
	w.blobF = func(f readFailure) {
		f.commit = w.cur
		g.readFailed(f)
	}
	return w
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
	w.cur, w.diff.commit = c.hash, c.hash
	parents := c.parentTrees
	if parents == nil {
		parents = make([]plumbing.Hash, 0, len(c.parents))
		for _, p := range c.parents {
			pc, err := getCommit(w.db, p)
			if err != nil {
				// Diffed as if p were not a parent (more, not fewer, lines).
				w.g.readFailed(readFailure{hash: p, kind: "commit", where: "parent of " + c.hash.String(), err: err})
				continue
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
	if c := w.g.s.opts.Counters; c != nil {
		c.Commits.Add(1)
	}
	if c.shallow {
		w.g.boundary++
	}
	ref := uint32(len(w.g.refs))
	w.g.refs = append(w.g.refs, refOf(c))
	w.g.mu.Unlock()
	if found := w.g.s.scanMessage(ctx, c); len(found) > 0 {
		w.g.s.opts.Counters.addFindings(len(found))
		w.g.mu.Lock()
		w.g.messages = append(w.g.messages, found...)
		w.g.mu.Unlock()
	}
	for _, ch := range changes {
		key, first := w.g.claimChange(ch, ref)
		if !first {
			continue
		}
		found, st := w.g.s.scanBlobChange(ctx, &w.blobs, ch, w.blobF)
		if c := w.g.s.opts.Counters; c != nil {
			c.Blobs.Add(int64(st.Files))
			c.addFindings(len(found))
		}
		w.g.mu.Lock()
		if len(found) > 0 {
			cl := w.g.claims[key]
			cl.found = int32(len(w.g.found))
			w.g.claims[key] = cl
			w.g.found = append(w.g.found, found)
		}
		w.g.stats.Files += st.Files
		w.g.stats.SkippedBinary += st.SkippedBinary
		w.g.stats.SkippedLarge += st.SkippedLarge
		w.g.stats.Warnings = append(w.g.stats.Warnings, st.Warnings...)
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
// the caller attributes them. Blobs that cannot be read go to failed.
func (s *session) scanBlobChange(ctx context.Context, br *blobReader, ch change, failed func(readFailure)) ([]Finding, Stats) {
	var st Stats
	var out []Finding
	if ch.old.IsZero() {
		out = s.engine.ScanPath(ctx, ch.path)
	}
	data, err := br.read(ch.new, s.opts.MaxFileSize, &br.cur)
	switch {
	case errors.Is(err, errTooLarge):
		st.SkippedLarge++
		return out, st
	case err != nil:
		failed(readFailure{hash: ch.new, kind: "blob", where: ch.path, err: err})
		return out, st
	}
	data, utf16Text := fromUTF16(data)
	if isBinary(data) {
		st.SkippedBinary++
		return out, st
	}
	var old []byte
	if !ch.old.IsZero() {
		// Unreadable or too large: every line counts as added. Nothing is
		// hidden then, but an unreadable object is still reported.
		var err error
		if old, err = br.read(ch.old, s.opts.MaxFileSize, &br.old); err != nil && !errors.Is(err, errTooLarge) {
			failed(readFailure{hash: ch.old, kind: "blob", where: ch.path + " (previous version)", err: err})
		}
		if utf16Text {
			old, _ = fromUTF16(old) // compare lines as text, as the new version is
		}
	}
	st.Files++
	if c := s.opts.Counters; c != nil {
		c.Bytes.Add(int64(len(data)))
	}
	// A view, not a copy: blob contents are never modified once read.
	text := unsafe.String(unsafe.SliceData(data), len(data))
	runs := addedRuns(old, data)
	limit := s.opts.MaxFindingsPerFile
	if len(runs) == 1 && runs[0].start == 0 && runs[0].end == len(text) {
		found, capped := s.engine.ScanLimit(ctx, engine.Fragment{Path: ch.path, Text: text, StartLine: 1}, limit)
		if capped {
			st.Warnings = append(st.Warnings, cappedWarning(ch.path, limit))
		}
		return append(out, found...), st
	}
	// Runs that could start a multi-line secret are scanned with a little
	// context, so one whose first or last line also occurs in the old
	// version (a second private key's END line, say) is still seen whole. Only keywords and
	// encoded text on added lines trigger rules (as with git diff -U0), and
	// only findings that touch an added line are kept. Lines are located from
	// the runs outward, never by indexing the whole blob.
	kept := 0 // findings on added lines, which the cap counts
	var windows []addedWindow
	if s.engine.Parses(ch.path) {
		// A credential file's parser needs the whole file (the <Server>
		// around a <Pass>, the JSON object around a password): one window,
		// the added lines in focus.
		windows = []addedWindow{wholeWindow(text, runs)}
	} else {
		windows = addedWindows(text, runs, func(r run) bool { return s.engine.Multiline(text[r.start:r.end]) })
	}
	for _, w := range windows {
		frag := engine.Fragment{Path: ch.path, Text: text[w.start:w.end], StartLine: w.line + 1, Focus: w.focus}
		rest := 0 // no limit
		if limit > 0 {
			rest = max(limit-kept, 1)
		}
		found, capped := s.engine.ScanLimit(ctx, frag, rest)
		for _, f := range found {
			if !w.touches(f.StartLine-1, f.EndLine-1) {
				continue
			}
			if limit > 0 && kept == limit {
				capped = true
				break
			}
			out = append(out, f)
			kept++
		}
		if capped {
			st.Warnings = append(st.Warnings, cappedWarning(ch.path, limit))
			break
		}
	}
	return out, st
}

// addedWindow is a stretch of lines to scan: added runs and their context.
type addedWindow struct {
	line       int // 0-based first line
	start, end int // byte range, the last line's newline included
	focus      []bool
	added      [][2]int // 0-based inclusive line ranges of added lines
}

func (w *addedWindow) touches(a, b int) bool {
	for _, r := range w.added {
		if a <= r[1] && b >= r[0] {
			return true
		}
	}
	return false
}

// addedWindows turns runs (sorted, disjoint) into merged windows, with
// contextLines around the runs for which wide reports true.
func addedWindows(text string, runs []run, wide func(run) bool) []addedWindow {
	var out []addedWindow
	for _, r := range runs {
		first := r.line - 1
		last := first + strings.Count(text[r.start:r.end], "\n")
		n := 0
		if wide(r) {
			n = contextLines
		}
		// Walk n lines back from the run's start and to the end of n lines
		// after its last one.
		start, line := r.start, first
		for k := 0; k < n && start > 0; k++ {
			start = strings.LastIndexByte(text[:start-1], '\n') + 1
			line--
		}
		end := r.end
		for k := 0; k <= n && end < len(text); k++ {
			i := strings.IndexByte(text[end:], '\n')
			if i < 0 {
				end = len(text)
				break
			}
			end += i + 1
			if k < n && end == len(text) {
				break
			}
		}
		if m := len(out); m > 0 && start <= out[m-1].end {
			w := &out[m-1]
			if end > w.end {
				w.end = end
			}
			w.added = append(w.added, [2]int{first, last})
			continue
		}
		out = append(out, addedWindow{line: line, start: start, end: end, added: [][2]int{{first, last}}})
	}
	for i := range out {
		out[i].setFocus(text)
	}
	return out
}

// wholeWindow is the window of the whole text with runs in focus.
func wholeWindow(text string, runs []run) addedWindow {
	w := addedWindow{end: len(text)}
	for _, r := range runs {
		first := r.line - 1
		w.added = append(w.added, [2]int{first, first + strings.Count(text[r.start:r.end], "\n")})
	}
	w.setFocus(text)
	return w
}

// setFocus marks w's added lines in its focus.
func (w *addedWindow) setFocus(text string) {
	lines := strings.Count(text[w.start:w.end], "\n")
	if !strings.HasSuffix(text[w.start:w.end], "\n") {
		lines++
	}
	w.focus = make([]bool, lines)
	for _, r := range w.added {
		for l := r[0]; l <= r[1]; l++ {
			if j := l - w.line; j >= 0 && j < lines {
				w.focus[j] = true
			}
		}
	}
}

// contextLines is how many unchanged lines around added ones are scanned.
const contextLines = 3
