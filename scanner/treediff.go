package scanner

import (
	"path"

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
	db      *odb.DB
	missing func(plumbing.Hash)
	cache   *lru[plumbing.Hash, []treeEntry] // shared by workers; cost is entries
}

// tree reads a tree; a missing or corrupt one is counted and read as empty.
func (d *differ) tree(h plumbing.Hash) ([]treeEntry, error) {
	if h.IsZero() {
		return nil, nil
	}
	if t, ok := d.cache.get(h, false); ok {
		return t, nil
	}
	data, err := readObject(d.db, h, odb.Tree, 0)
	var t []treeEntry
	if err == nil {
		t, err = parseTree(data)
	}
	if err != nil {
		d.missing(h)
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
	ta, err := d.tree(a)
	if err != nil {
		return err
	}
	tb, err := d.tree(b)
	if err != nil {
		return err
	}
	old := make(map[string]treeEntry, len(ta))
	for _, e := range ta {
		old[e.name] = e
	}
	for _, e := range tb {
		p := path.Join(dir, e.name)
		o, had := old[e.name]
		if had {
			delete(old, e.name)
			if o.hash == e.hash && o.mode == e.mode {
				continue
			}
		}
		oldDir := had && o.mode == filemode.Dir
		switch {
		case e.mode == filemode.Dir:
			prev := plumbing.ZeroHash
			if oldDir {
				prev = o.hash
			} else if had {
				d.noteDeleted(o, p, deleted)
			}
			if err := d.diff(prev, e.hash, p, changes, deleted); err != nil {
				return err
			}
		case isFileMode(e.mode):
			prev := plumbing.ZeroHash
			if had && isFileMode(o.mode) {
				prev = o.hash
			} else if oldDir {
				if err := d.collectDeleted(o.hash, p, deleted); err != nil {
					return err
				}
			}
			if prev != e.hash {
				*changes = append(*changes, change{path: p, old: prev, new: e.hash})
			}
		default: // submodules, symlinks
			if had {
				d.noteDeleted(o, p, deleted)
			}
		}
	}
	for name, o := range old {
		p := path.Join(dir, name)
		if o.mode == filemode.Dir {
			if err := d.collectDeleted(o.hash, p, deleted); err != nil {
				return err
			}
			continue
		}
		d.noteDeleted(o, p, deleted)
	}
	return nil
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
	t, err := d.tree(h)
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
func pairRenames(changes []change, deleted map[plumbing.Hash]string) []change {
	if len(deleted) == 0 {
		return changes
	}
	byBase := map[string]plumbing.Hash{}
	for h, p := range deleted {
		byBase[path.Base(p)] = h
	}
	out := changes[:0]
	for _, c := range changes {
		if c.old.IsZero() {
			if _, ok := deleted[c.new]; ok {
				continue
			}
			if h, ok := byBase[path.Base(c.path)]; ok {
				c.old = h
			}
		}
		out = append(out, c)
	}
	return out
}
