package scanner

import (
	"errors"
	"path"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// change is a file a commit added or modified.
type change struct {
	path     string
	old, new plumbing.Hash // old is zero for an added file
}

// differ computes tree differences, skipping identical subtrees by hash.
type differ struct {
	r       *git.Repository
	missing func(plumbing.Hash)
	cache   *lru[plumbing.Hash, *object.Tree] // shared by workers; cost is entries
}

func (d *differ) tree(h plumbing.Hash) (*object.Tree, error) {
	if h.IsZero() {
		return &object.Tree{}, nil
	}
	if t, ok := d.cache.get(h, false); ok {
		return t, nil
	}
	t, err := object.GetTree(d.r.Storer, h)
	if errors.Is(err, plumbing.ErrObjectNotFound) {
		d.missing(h)
		return &object.Tree{}, nil
	}
	if err == nil {
		d.cache.put(h, t, len(t.Entries)+1)
	}
	return t, err
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
	old := make(map[string]object.TreeEntry, len(ta.Entries))
	for _, e := range ta.Entries {
		old[e.Name] = e
	}
	for _, e := range tb.Entries {
		p := path.Join(dir, e.Name)
		o, had := old[e.Name]
		if had {
			delete(old, e.Name)
			if o.Hash == e.Hash && o.Mode == e.Mode {
				continue
			}
		}
		oldDir := had && o.Mode == filemode.Dir
		switch {
		case e.Mode == filemode.Dir:
			prev := plumbing.ZeroHash
			if oldDir {
				prev = o.Hash
			} else if had {
				d.noteDeleted(o, p, deleted)
			}
			if err := d.diff(prev, e.Hash, p, changes, deleted); err != nil {
				return err
			}
		case isFileMode(e.Mode):
			prev := plumbing.ZeroHash
			if had && isFileMode(o.Mode) {
				prev = o.Hash
			} else if oldDir {
				if err := d.collectDeleted(o.Hash, p, deleted); err != nil {
					return err
				}
			}
			if prev != e.Hash {
				*changes = append(*changes, change{path: p, old: prev, new: e.Hash})
			}
		default: // submodules, symlinks
			if had {
				d.noteDeleted(o, p, deleted)
			}
		}
	}
	for name, o := range old {
		p := path.Join(dir, name)
		if o.Mode == filemode.Dir {
			if err := d.collectDeleted(o.Hash, p, deleted); err != nil {
				return err
			}
			continue
		}
		d.noteDeleted(o, p, deleted)
	}
	return nil
}

func (d *differ) noteDeleted(e object.TreeEntry, p string, deleted map[plumbing.Hash]string) {
	if deleted != nil && isFileMode(e.Mode) {
		deleted[e.Hash] = p
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
	for _, e := range t.Entries {
		p := path.Join(dir, e.Name)
		if e.Mode == filemode.Dir {
			if err := d.collectDeleted(e.Hash, p, deleted); err != nil {
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
