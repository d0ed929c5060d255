package scanner

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
)

// readFailure is an object a git scan could not read.
type readFailure struct {
	hash plumbing.Hash
	kind string // commit, tree, blob, or object when a ref's target is unknown
	// where says how the scan reached it: a ref, "parent of X", a tree's
	// directory or a blob's path (then commit names the commit scanned).
	where  string
	commit plumbing.Hash
	err    error // errMissing when absent, else why it could not be read
}

// String names the object and how it was reached, and says why it could
// not be read unless it is absent (finish labels those).
func (f readFailure) String() string {
	s := f.kind + " " + f.hash.String()
	switch {
	case f.where != "" && !f.commit.IsZero():
		s += " (" + f.where + " in commit " + f.commit.String() + ")"
	case f.where != "":
		s += " (" + f.where + ")"
	case !f.commit.IsZero():
		s += " (in commit " + f.commit.String() + ")"
	}
	if !f.absent() {
		s += ": " + f.err.Error()
	}
	return oneLine(s)
}

func (f readFailure) absent() bool { return errors.Is(f.err, errMissing) }

// failures collects what a git scan could not read, each object once.
type failures struct {
	seen                 map[plumbing.Hash]bool
	absent, unreadable   []readFailure // the first few of each
	nAbsent, nUnreadable int
}

// readFailed records an object the scan could not read. Scanning goes on:
// the scan ends incomplete (see finish).
func (g *gitScan) readFailed(f readFailure) {
	g.mu.Lock()
	defer g.mu.Unlock()
	fs := &g.fail
	if fs.seen[f.hash] {
		return
	}
	if fs.seen == nil {
		fs.seen = map[plumbing.Hash]bool{}
	}
	fs.seen[f.hash] = true
	if f.absent() {
		fs.nAbsent++
		if len(fs.absent) < maxErrorLines {
			fs.absent = append(fs.absent, f)
		}
		return
	}
	fs.nUnreadable++
	if len(fs.unreadable) < maxErrorLines {
		fs.unreadable = append(fs.unreadable, f)
	}
}

// finish accounts in res for what could not be read and returns an
// *IncompleteError when it hides part of the scan. A shallow clone's
// boundary is a warning: git itself sees those commits as roots, and they
// are scanned whole. Absent objects are errors unless AllowMissing, which
// makes them a counted warning; unreadable (corrupt) ones always are.
func (g *gitScan) finish(r *repo, res *Result) error {
	fs := &g.fail
	if g.boundary > 0 {
		res.Stats.Warnings = append(res.Stats.Warnings, fmt.Sprintf(
			"shallow clone: the history before its %d boundary commit(s) is not in this clone and was not scanned (git fetch --unshallow fetches it); the boundary commits were scanned whole, as root commits",
			g.boundary))
	}
	label := "absent from the repository"
	switch {
	case r.partial:
		label = "absent (partial clone: not fetched from its promisor remote)"
	case r.shallow != nil:
		label = "absent (shallow clone)"
	}
	byKind := func(list []readFailure) {
		rank := map[string]int{"object": 0, "commit": 1, "tree": 2, "blob": 3}
		sort.Slice(list, func(i, j int) bool {
			if a, b := rank[list[i].kind], rank[list[j].kind]; a != b {
				return a < b
			}
			return list[i].hash.String() < list[j].hash.String()
		})
	}
	byKind(fs.absent)
	byKind(fs.unreadable)
	if fs.nAbsent > 0 && g.s.opts.AllowMissing {
		res.Stats.MissingObjects = fs.nAbsent
		var ids []string
		for i, f := range fs.absent {
			if i == 5 {
				break
			}
			ids = append(ids, f.hash.String())
		}
		res.Stats.Warnings = append(res.Stats.Warnings, fmt.Sprintf(
			"%d git objects %s were skipped (--allow-missing), e.g. %s", fs.nAbsent, label, strings.Join(ids, ", ")))
	}
	n := fs.nUnreadable
	var lines []string
	for _, f := range fs.unreadable {
		lines = append(lines, f.String())
	}
	if !g.s.opts.AllowMissing {
		n += fs.nAbsent
		for _, f := range fs.absent {
			lines = append(lines, f.String()+": "+label)
		}
	}
	if n == 0 {
		return nil
	}
	res.Stats.Unreadable = n
	for i, l := range lines {
		if i == maxErrorLines {
			break
		}
		res.Stats.Errors = append(res.Stats.Errors, "cannot read "+l)
	}
	if n > len(res.Stats.Errors) {
		res.Stats.Errors = append(res.Stats.Errors, fmt.Sprintf("… and %d more git objects that could not be read", n-len(res.Stats.Errors)))
	}
	hint := "the repository is damaged: git fsck lists what is"
	if fs.nUnreadable == 0 {
		hint = "--allow-missing scans without absent objects"
		if !r.partial && r.shallow == nil {
			hint = "the repository is incomplete, see git fsck; " + hint
		}
	}
	return &IncompleteError{Unreadable: n, What: "git objects", First: lines[0], Hint: hint}
}
