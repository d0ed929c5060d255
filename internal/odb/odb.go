// Package odb reads git objects straight from a repository's pack files and
// loose objects, for bulk scans. go-git reads every object through a layer
// that re-hashes it (SHA-1 with collision detection) when it enters the
// cache, builds a map of every pack offset per handle and resolves deltas
// one object at a time; profiles of a rails/rails history scan showed those
// costs to be most of the scan. This reader keeps the pack index as the
// file's own bytes (binary search, nothing built up front), caches delta
// bases by pack offset and trusts the pack's checksummed contents as git
// itself does. It is safe for concurrent use.
package odb

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
)

// Type is a git object type, numbered as in pack files.
type Type uint8

// Object types.
const (
	Commit Type = 1
	Tree   Type = 2
	Blob   Type = 3
	Tag    Type = 4
)

func (t Type) String() string {
	switch t {
	case Commit:
		return "commit"
	case Tree:
		return "tree"
	case Blob:
		return "blob"
	case Tag:
		return "tag"
	}
	return fmt.Sprintf("type%d", t)
}

// Errors returned by Read. An object absent from every pack and objects
// directory (a shallow or partial clone, an incomplete copy) is reported
// with ErrNotFound, and only such an object: one that is present but cannot
// be read (corrupt data, a delta whose base is absent) has ErrCorrupt in
// its error chain, or the I/O error that stopped the read.
var (
	ErrNotFound = errors.New("object not found")
	ErrTooLarge = errors.New("object too large")
	ErrCorrupt  = errors.New("corrupt object")
)

// DB is an object database: the packs and loose objects of one objects
// directory and its alternates.
type DB struct {
	dirs  []string // objects directories, the repository's own first
	packs []*pack
	cache *baseCache
}

// Options tune a DB.
type Options struct {
	// CacheBytes bounds the delta base cache (default 32 MiB).
	CacheBytes int
}

// Open opens the objects directory dir (a repository's .git/objects).
func Open(dir string, opts Options) (*DB, error) {
	if opts.CacheBytes <= 0 {
		opts.CacheBytes = 32 << 20
	}
	db := &DB{cache: newBaseCache(opts.CacheBytes)}
	if err := db.addDir(dir, 0); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// addDir adds an objects directory, its packs and, recursively, its
// alternates (objects/info/alternates, as git reads them).
func (db *DB) addDir(dir string, depth int) error {
	if depth > 5 {
		return nil
	}
	dir = filepath.Clean(dir)
	for _, d := range db.dirs {
		if d == dir {
			return nil
		}
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		if depth == 0 {
			return fmt.Errorf("objects directory %s: not found", dir)
		}
		return nil // a stale alternate: git warns and carries on
	}
	db.dirs = append(db.dirs, dir)
	idxs, _ := filepath.Glob(filepath.Join(dir, "pack", "pack-*.idx"))
	// Newest packs first, as git looks them up.
	type stamped struct {
		path string
		mod  int64
	}
	var st []stamped
	for _, p := range idxs {
		if fi, err := os.Stat(p); err == nil {
			st = append(st, stamped{p, fi.ModTime().UnixNano()})
		}
	}
	sort.SliceStable(st, func(i, j int) bool { return st[i].mod > st[j].mod })
	for _, s := range st {
		p, err := openPack(s.path, strings.TrimSuffix(s.path, ".idx")+".pack")
		if err != nil {
			return err
		}
		if p != nil {
			p.id = len(db.packs)
			db.packs = append(db.packs, p)
		}
	}
	alt, err := os.ReadFile(filepath.Join(dir, "info", "alternates"))
	if err != nil {
		return nil
	}
	for _, line := range strings.Split(string(alt), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if !filepath.IsAbs(line) {
			line = filepath.Join(dir, line)
		}
		if err := db.addDir(line, depth+1); err != nil {
			return err
		}
	}
	return nil
}

// Size reports how many objects the packs hold and their total size.
func (db *DB) Size() (objects int, bytes int64) {
	for _, p := range db.packs {
		objects += p.n
		bytes += p.size
	}
	return objects, bytes
}

// SetCacheBytes changes the bound of the delta base cache.
func (db *DB) SetCacheBytes(n int) { db.cache.resize(n) }

// Close releases the pack files.
func (db *DB) Close() error {
	var first error
	for _, p := range db.packs {
		if err := p.close(); err != nil && first == nil {
			first = err
		}
	}
	db.packs = nil
	return first
}

// Has reports whether the object is present.
func (db *DB) Has(h plumbing.Hash) bool {
	for _, p := range db.packs {
		if _, ok := p.find(h); ok {
			return true
		}
	}
	for _, d := range db.dirs {
		if _, err := os.Stat(loosePath(d, h)); err == nil {
			return true
		}
	}
	return false
}

// Read returns an object's type and content. With max > 0, an object larger
// than max bytes is refused with ErrTooLarge before it is inflated. The
// content may be shared with the cache: it must not be modified.
func (db *DB) Read(h plumbing.Hash, max int64) (Type, []byte, error) {
	return db.read(h, max, 0, nil, false)
}

// ReadInto is Read into a buffer the caller owns: the content is written to
// dst[:0] when it fits, else to a new buffer, and is never shared with the
// cache, so the caller may modify it or pass it to the next ReadInto.
func (db *DB) ReadInto(h plumbing.Hash, max int64, dst []byte) (Type, []byte, error) {
	return db.read(h, max, 0, dst, true)
}

func (db *DB) read(h plumbing.Hash, max int64, depth int, dst []byte, own bool) (Type, []byte, error) {
	if depth > 8 {
		return 0, nil, fmt.Errorf("object %s: delta base chain across packs too deep: %w", h, ErrCorrupt)
	}
	// A copy that cannot be read does not end the search: as git does,
	// another pack or a loose copy may hold the object intact. Only when
	// none does is the first error returned (an absent object is the only
	// ErrNotFound).
	var bad error
	for _, p := range db.packs {
		if off, ok := p.find(h); ok {
			t, data, err := db.unpack(p, off, max, depth, dst, own)
			if err == nil || errors.Is(err, ErrTooLarge) {
				return t, data, err
			}
			if bad == nil {
				bad = fmt.Errorf("object %s: %s: %w", h, filepath.Base(p.name), err)
			}
		}
	}
	for _, d := range db.dirs {
		t, data, err := readLoose(loosePath(d, h), max, dst)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err == nil || errors.Is(err, ErrTooLarge) {
			return t, data, err
		}
		if bad == nil {
			bad = fmt.Errorf("object %s: %w", h, err)
		}
	}
	if bad != nil {
		return 0, nil, bad
	}
	return 0, nil, fmt.Errorf("object %s: %w", h, ErrNotFound)
}

func loosePath(dir string, h plumbing.Hash) string {
	s := h.String()
	return filepath.Join(dir, s[:2], s[2:])
}
