package scanner

import (
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
