package scanner

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"

	"github.com/secretsweep/secretsweep/internal/odb"
	"github.com/secretsweep/secretsweep/scanner/engine"
)

// commit is the part of a commit object a scan uses.
type commit struct {
	hash, tree        plumbing.Hash
	parents           []plumbing.Hash
	author, committer signature
	// parentTrees, when not nil, holds the trees of the parents that could
	// be read, filled in by the walk.
	parentTrees []plumbing.Hash
	message     string
	// shallow marks a commit at a shallow clone's boundary (listed in
	// .git/shallow): its parents, not in the clone, were dropped.
	shallow bool
}

type signature struct {
	name, email string
	when        time.Time
}

// commitInfo extracts the metadata reported with findings.
func (c *commit) info() *engine.CommitInfo {
	return &engine.CommitInfo{
		SHA:     c.hash.String(),
		Author:  c.author.name,
		Email:   c.author.email,
		Date:    c.author.when.UTC().Format(time.RFC3339),
		Message: strings.TrimSpace(c.message),
	}
}

// errCorrupt marks objects that are present but cannot be read: corrupt
// data, the wrong type, an I/O error. Unlike an absent object (errMissing)
// this never comes from a shallow or partial clone.
var errCorrupt = errors.New("corrupt object")

// unreadableError is an object that is present and could not be read; it
// prints why, without the object id (callers name the object).
type unreadableError struct {
	why     string
	corrupt bool // the data is bad (else the read failed: permissions, I/O)
}

func (e *unreadableError) Error() string {
	if e.corrupt {
		return "corrupt: " + e.why
	}
	return "unreadable: " + e.why
}

func (e *unreadableError) Is(target error) bool { return target == errCorrupt }

// readObject reads an object of the wanted type; absent objects give
// errMissing, unreadable or mistyped ones errCorrupt.
func readObject(db *odb.DB, h plumbing.Hash, want odb.Type, max int64) ([]byte, error) {
	t, data, err := db.Read(h, max)
	if err = objectErr(h, t, want, err); err != nil {
		return nil, err
	}
	return data, nil
}

// objectErr maps what odb returned for object h to errMissing, errTooLarge
// or an error that is errCorrupt.
func objectErr(h plumbing.Hash, t, want odb.Type, err error) error {
	switch {
	case errors.Is(err, odb.ErrNotFound):
		return errMissing
	case errors.Is(err, odb.ErrTooLarge):
		return errTooLarge
	case err != nil:
		why := strings.TrimPrefix(err.Error(), "object "+h.String()+": ")
		corrupt := errors.Is(err, odb.ErrCorrupt)
		if corrupt {
			why = strings.TrimSuffix(why, ": "+odb.ErrCorrupt.Error())
		}
		return &unreadableError{why: why, corrupt: corrupt}
	case t != want:
		return &unreadableError{why: fmt.Sprintf("a %s, not a %s", t, want), corrupt: true}
	}
	return nil
}

// getCommit reads and parses a commit.
func getCommit(db *odb.DB, h plumbing.Hash) (*commit, error) {
	data, err := readObject(db, h, odb.Commit, 0)
	if err != nil {
		return nil, err
	}
	c, err := parseCommit(data)
	if err != nil {
		return nil, &unreadableError{why: "bad commit: " + err.Error(), corrupt: true}
	}
	c.hash = h
	return c, nil
}

// parseCommit parses a commit object's headers and message; unknown headers
// (gpgsig, mergetag, encoding and their continuation lines) are skipped.
func parseCommit(data []byte) (*commit, error) {
	c := &commit{}
	haveTree := false
	for len(data) > 0 {
		line, rest, _ := bytes.Cut(data, []byte{'\n'})
		data = rest
		if len(line) == 0 {
			c.message = string(data)
			break
		}
		key, val, _ := bytes.Cut(line, []byte{' '})
		switch string(key) {
		case "tree":
			h, ok := parseHex(val)
			if !ok {
				return nil, errors.New("bad tree line")
			}
			c.tree, haveTree = h, true
		case "parent":
			h, ok := parseHex(val)
			if !ok {
				return nil, errors.New("bad parent line")
			}
			c.parents = append(c.parents, h)
		case "author":
			c.author = parseSignature(val)
		case "committer":
			c.committer = parseSignature(val)
		}
	}
	if !haveTree {
		return nil, errors.New("no tree")
	}
	return c, nil
}

func parseHex(b []byte) (plumbing.Hash, bool) {
	var h plumbing.Hash
	if len(b) != 2*len(h) {
		return h, false
	}
	_, err := hex.Decode(h[:], b)
	return h, err == nil
}

// parseSignature parses "Name <email> 1700000000 +0100", leniently, as git
// tolerates malformed identities.
func parseSignature(b []byte) signature {
	var s signature
	open, close := bytes.LastIndexByte(b, '<'), bytes.LastIndexByte(b, '>')
	if open < 0 || close < open {
		s.name = strings.TrimSpace(string(b))
		return s
	}
	s.name = strings.TrimSpace(string(b[:open]))
	s.email = string(b[open+1 : close])
	f := strings.Fields(string(b[close+1:]))
	if len(f) > 0 {
		if ts, err := strconv.ParseInt(f[0], 10, 64); err == nil {
			s.when = time.Unix(ts, 0)
			if len(f) > 1 && len(f[1]) == 5 {
				if tz, err := strconv.Atoi(f[1][1:]); err == nil {
					off := (tz/100)*3600 + (tz%100)*60
					if f[1][0] == '-' {
						off = -off
					}
					s.when = s.when.In(time.FixedZone("", off))
				}
			}
		}
	}
	return s
}

// treeEntry is one entry of a tree object.
type treeEntry struct {
	name string
	mode filemode.FileMode
	hash plumbing.Hash
}

// parseTree parses a tree object ("mode name\0" and a 20-byte hash, repeated).
func parseTree(data []byte) ([]treeEntry, error) {
	var out []treeEntry
	for len(data) > 0 {
		sp := bytes.IndexByte(data, ' ')
		if sp <= 0 {
			return nil, errors.New("bad tree entry mode")
		}
		var mode uint32
		for _, c := range data[:sp] {
			if c < '0' || c > '7' || mode > 1<<28 {
				return nil, errors.New("bad tree entry mode")
			}
			mode = mode<<3 | uint32(c-'0')
		}
		data = data[sp+1:]
		nul := bytes.IndexByte(data, 0)
		if nul < 0 || nul+21 > len(data) {
			return nil, errors.New("truncated tree entry")
		}
		e := treeEntry{name: string(data[:nul]), mode: filemode.FileMode(mode)}
		copy(e.hash[:], data[nul+1:nul+21])
		out = append(out, e)
		data = data[nul+21:]
	}
	return out, nil
}

// peelToCommit resolves a reference target (commit or annotated tag chain)
// to a commit hash; ok is false for tags of trees or blobs. err is
// errMissing for an absent object, errCorrupt for an unreadable one.
func peelToCommit(db *odb.DB, h plumbing.Hash) (c plumbing.Hash, ok bool, err error) {
	c, t, err := db.Peel(h)
	if err != nil {
		return c, false, objectErr(c, t, t, err)
	}
	return c, t == odb.Commit, nil
}
