package scanner

import (
	"path"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"

	"github.com/secretsweep/secretsweep/internal/odb"
)

// change is a file a commit added or modified.
type change struct {
	path     string
	old, new plumbing.Hash // old is zero for an added file
}

// differ computes tree differences, skipping identical subtrees by hash.
type differ struct {
	db     *odb.DB
	failed func(readFailure)
	cache  *lru[plumbing.Hash, []treeEntry] // shared by workers; cost is entries
	// commit is the commit being diffed, named when a tree cannot be read.
	commit plumbing.Hash
}

// tree reads the tree of directory dir; one that cannot be read is
// reported to failed and read as empty.
func (d *differ) tree(h plumbing.Hash, dir string) ([]treeEntry, error) {
	if h.IsZero() {
		return nil, nil
	}
	if t, ok := d.cache.get(h, false); ok {
		return t, nil
	}
	data, err := readObject(d.db, h, odb.Tree, 0)
	var t []treeEntry
	if err == nil {
		if t, err = parseTree(data); err != nil {
			err = &unreadableError{why: "bad tree: " + err.Error(), corrupt: true}
		}
	}
	if err != nil {
		where := dir + "/"
		if dir == "" {
			where = "root tree"
		}
		d.failed(readFailure{hash: h, kind: "tree", where: where, commit: d.commit, err: err})
		return nil, nil
	}
	d.cache.put(h, t, len(t)+1)
	return t, nil
}

// diff returns the files added or modified from tree a to tree b, and the
// blobs of deleted files (for rename detection).
func (d *differ) diff(a, b plumbing.Hash, dir string, changes *[]change, deleted map[plumbing.Hash]string) error {
	if a == b {
		return nil
	}
	ta, err := d.tree(a, dir)
	if err != nil {
		return err
	}
	tb, err := d.tree(b, dir)
	if err != nil {
		return err
	}
	// Trees are sorted (git's order, where a directory sorts as if its name
	// ended in "/"), so one merge pass pairs their entries.
	i, j := 0, 0
	for i < len(ta) || j < len(tb) {
		var c int
		switch {
		case i == len(ta):
			c = 1
		case j == len(tb):
			c = -1
		default:
			c = compareEntries(&ta[i], &tb[j])
		}
		switch {
		case c < 0: // only in a: deleted
			o := ta[i]
			i++
			p := path.Join(dir, o.name)
			if o.mode == filemode.Dir {
				if err := d.collectDeleted(o.hash, p, deleted); err != nil {
					return err
				}
				continue
			}
			d.noteDeleted(o, p, deleted)
		case c > 0: // only in b: added
			e := tb[j]
			j++
			if err := d.changed(plumbing.ZeroHash, e, dir, changes, deleted); err != nil {
				return err
			}
		default:
			o, e := ta[i], tb[j]
			i++
			j++
			if o.hash == e.hash && o.mode == e.mode {
				continue
			}
			prev := plumbing.ZeroHash
			if o.mode == e.mode || (isFileMode(o.mode) && isFileMode(e.mode)) {
				prev = o.hash
			} else {
				d.noteDeleted(o, path.Join(dir, o.name), deleted)
			}
			if err := d.changed(prev, e, dir, changes, deleted); err != nil {
				return err
			}
		}
	}
	return nil
}

// changed records entry e of directory dir, new or changed from blob or
// tree prev (zero when new).
func (d *differ) changed(prev plumbing.Hash, e treeEntry, dir string, changes *[]change, deleted map[plumbing.Hash]string) error {
	switch {
	case e.mode == filemode.Dir:
		return d.diff(prev, e.hash, path.Join(dir, e.name), changes, deleted)
	case isFileMode(e.mode) && prev != e.hash: // not a mode change alone
		*changes = append(*changes, change{path: path.Join(dir, e.name), old: prev, new: e.hash})
	}
	return nil // submodules, symlinks
}

// compareEntries orders tree entries as git sorts them.
func compareEntries(a, b *treeEntry) int {
	n := min(len(a.name), len(b.name))
	if c := strings.Compare(a.name[:n], b.name[:n]); c != 0 {
		return c
	}
	return entryChar(a, n) - entryChar(b, n)
}

func entryChar(e *treeEntry, i int) int {
	switch {
	case i < len(e.name):
		return int(e.name[i])
	case e.mode == filemode.Dir:
		return '/'
	}
	return -1
}

func (d *differ) noteDeleted(e treeEntry, p string, deleted map[plumbing.Hash]string) {
	if deleted != nil && isFileMode(e.mode) {
		deleted[e.hash] = p
	}
}

// collectDeleted records every blob under a deleted directory.
func (d *differ) collectDeleted(h plumbing.Hash, dir string, deleted map[plumbing.Hash]string) error {
	if deleted == nil {
		return nil
	}
	t, err := d.tree(h, dir)
	if err != nil {
		return err
	}
	for _, e := range t {
		p := path.Join(dir, e.name)
		if e.mode == filemode.Dir {
			if err := d.collectDeleted(e.hash, p, deleted); err != nil {
				return err
			}
			continue
		}
		d.noteDeleted(e, p, deleted)
	}
	return nil
}

func isFileMode(m filemode.FileMode) bool {
	return m == filemode.Regular || m == filemode.Executable || m == filemode.Deprecated
}

// pairRenames drops added files whose content was deleted elsewhere in the
// same commit (pure renames add no lines), and diffs other added files
// against a deleted file with the same base name (a rename with edits).
// When several deleted files share that base name, the one whose path
// shares the most trailing directories with the added file's is taken,
// then the first in path order: the choice must not depend on map order,
// or two scans of one history would diff different blobs.
func pairRenames(changes []change, deleted map[plumbing.Hash]string) []change {
	if len(deleted) == 0 {
		return changes
	}
	type gone struct {
		path string
		hash plumbing.Hash
	}
	byBase := map[string][]gone{}
	for h, p := range deleted {
		b := path.Base(p)
		byBase[b] = append(byBase[b], gone{p, h})
	}
	out := changes[:0]
	for _, c := range changes {
		if c.old.IsZero() {
			if _, ok := deleted[c.new]; ok {
				continue
			}
			if cands := byBase[path.Base(c.path)]; len(cands) > 0 {
				best := cands[0]
				for _, g := range cands[1:] {
					a, b := sharedTail(g.path, c.path), sharedTail(best.path, c.path)
					if a > b || a == b && g.path < best.path {
						best = g
					}
				}
				c.old = best.hash
			}
		}
		out = append(out, c)
	}
	return out
}

// sharedTail counts the trailing path elements a and b have in common.
func sharedTail(a, b string) int {
	n := 0
	for a != "" && b != "" && path.Base(a) == path.Base(b) {
		n++
		a, b = path.Dir(a), path.Dir(b)
		if a == "." || b == "." {
			break
		}
	}
	return n
}

// lookup returns the blob at slash-separated path p under tree root, or
// the zero hash when there is no regular file there.
func (d *differ) lookup(root plumbing.Hash, p string) (plumbing.Hash, error) {
	parts := strings.Split(p, "/")
	h := root
	dirEnd := 0 // p[:dirEnd] is the directory of parts[i]
	for i, part := range parts {
		entries, err := d.tree(h, p[:dirEnd])
		if err != nil {
			return plumbing.ZeroHash, err
		}
		var found *treeEntry
		for j := range entries {
			if entries[j].name == part {
				found = &entries[j]
				break
			}
		}
		last := i == len(parts)-1
		switch {
		case found == nil:
			return plumbing.ZeroHash, nil
		case last && isFileMode(found.mode):
			return found.hash, nil
		case !last && found.mode == filemode.Dir:
			h = found.hash
			if dirEnd > 0 {
				dirEnd++ // the slash
			}
			dirEnd += len(part)
		default:
			return plumbing.ZeroHash, nil
		}
	}
	return plumbing.ZeroHash, nil
}
