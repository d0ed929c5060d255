package odb

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/klauspost/compress/flate"
)

// inflater is a reusable raw-deflate reader. klauspost/compress inflates
// markedly faster than compress/flate, and fastest from a *bytes.Reader,
// which its decoder special-cases. git's zlib streams carry a 2-byte header
// and an Adler-32 trailer; the header is skipped and the trailer not
// checked (the pack as a whole is checksummed, and git does not check it
// on read either).
type inflater struct {
	br  bytes.Reader
	fr  io.ReadCloser
	buf []byte
}

var inflaters = sync.Pool{New: func() any { return &inflater{} }}

// inflateBytes inflates the zlib stream in z into exactly size bytes, in dst
// when it is large enough.
func (in *inflater) inflateBytes(dst, z []byte, size int64) ([]byte, error) {
	if len(z) < 2 || z[0]&0x0f != 8 || z[1]&0x20 != 0 || (uint16(z[0])<<8|uint16(z[1]))%31 != 0 {
		return nil, fmt.Errorf("inflate: bad zlib header: %w", ErrCorrupt)
	}
	in.br.Reset(z[2:])
	if in.fr == nil {
		in.fr = flate.NewReader(&in.br)
	} else if err := in.fr.(flate.Resetter).Reset(&in.br, nil); err != nil {
		return nil, fmt.Errorf("inflate: %v: %w", err, ErrCorrupt)
	}
	out := dst[:min(int64(cap(dst)), size)]
	if int64(len(out)) < size {
		out = make([]byte, size)
	}
	if _, err := io.ReadFull(in.fr, out); err != nil {
		return nil, fmt.Errorf("inflate: %v: %w", err, ErrCorrupt)
	}
	return out, nil
}

// inflate reads entry e's compressed bytes with one read and inflates them,
// into dst when it is large enough.
func (p *pack) inflate(dst []byte, e entry) ([]byte, error) {
	end := p.end(e.data)
	n := end - e.data
	if n <= 0 || n > 1<<40 {
		return nil, fmt.Errorf("pack offset %d: bad entry length: %w", e.off, ErrCorrupt)
	}
	if e.size > n*maxRatio+1024 {
		// Deflate expands at most about 1032:1; a larger size field is
		// corrupt, and trusting it would allocate without bound.
		return nil, fmt.Errorf("pack offset %d: size %d from %d compressed bytes: %w", e.off, e.size, n, ErrCorrupt)
	}
	in := inflaters.Get().(*inflater)
	defer inflaters.Put(in)
	if int64(cap(in.buf)) < n {
		in.buf = make([]byte, n)
	}
	z := in.buf[:n]
	if _, err := p.f.ReadAt(z, e.data); err != nil {
		return nil, fmt.Errorf("pack offset %d: %v: %w", e.off, err, ErrCorrupt)
	}
	out, err := in.inflateBytes(dst, z, e.size)
	if cap(in.buf) > 256<<10 {
		in.buf = nil // keep only small buffers pooled
	}
	if err != nil {
		return nil, fmt.Errorf("pack offset %d: %w", e.off, err)
	}
	return out, nil
}

// maxRatio is deflate's largest expansion, rounded up.
const maxRatio = 1040

// maxChain bounds delta chains (git's default depth is 50; --depth=4095 is
// the most git allows), catching REF_DELTA cycles in corrupt packs.
const maxChain = 10000

// unpack returns the object at off, resolving its delta chain. Bases met on
// the way are cached by offset: walking history, a file's consecutive
// versions share most of their chains. The object is written to dst when
// it fits; with own set, the result is never a slice the cache holds.
func (db *DB) unpack(p *pack, off int64, max int64, depth int, dst []byte, own bool) (Type, []byte, error) {
	if t, b, ok := db.cache.get(p.id, off); ok {
		if max > 0 && int64(len(b)) > max {
			return 0, nil, ErrTooLarge
		}
		if own {
			b = append(dst[:0], b...)
		}
		return t, b, nil
	}
	e, err := p.header(off)
	if err != nil {
		return 0, nil, err
	}
	if e.typ < ofsDelta {
		if max > 0 && e.size > max {
			return 0, nil, ErrTooLarge
		}
		data, err := p.inflate(dst, e)
		return Type(e.typ), data, err
	}
	top, err := p.inflate(nil, e)
	if err != nil {
		return 0, nil, err
	}
	if max > 0 {
		if _, size, _, err := deltaSizes(top); err != nil {
			return 0, nil, err
		} else if size > max {
			return 0, nil, ErrTooLarge
		}
	}
	chain := []entry{e}
	var (
		baseT Type
		base  []byte
	)
	for cur := e; ; {
		next := cur.baseOff
		if cur.typ == refDelta {
			o, ok := p.find(cur.baseRef)
			if !ok {
				// A thin pack's base lives elsewhere.
				if baseT, base, err = db.read(cur.baseRef, 0, depth+1, nil, false); err != nil {
					if errors.Is(err, ErrNotFound) {
						// The delta is here, its base nowhere: the pack
						// is damaged, not the object absent.
						return 0, nil, fmt.Errorf("pack offset %d: delta base %s not found: %w", off, cur.baseRef, ErrCorrupt)
					}
					return 0, nil, err
				}
				break
			}
			next = o
		}
		if t, b, ok := db.cache.get(p.id, next); ok {
			baseT, base = t, b
			break
		}
		ne, err := p.header(next)
		if err != nil {
			return 0, nil, err
		}
		if ne.typ < ofsDelta {
			if base, err = p.inflate(nil, ne); err != nil {
				return 0, nil, err
			}
			baseT = Type(ne.typ)
			db.cache.put(p.id, next, baseT, base)
			break
		}
		if chain = append(chain, ne); len(chain) > maxChain {
			return 0, nil, fmt.Errorf("pack offset %d: delta chain too long: %w", off, ErrCorrupt)
		}
		cur = ne
	}
	for i := len(chain) - 1; i >= 0; i-- {
		d, out := top, []byte(nil)
		if i > 0 {
			if d, err = p.inflate(nil, chain[i]); err != nil {
				return 0, nil, err
			}
		} else {
			out = dst
		}
		if base, err = applyDelta(out, base, d); err != nil {
			return 0, nil, fmt.Errorf("pack offset %d: %w", chain[i].off, err)
		}
		if i > 0 {
			db.cache.put(p.id, chain[i].off, baseT, base)
		}
	}
	return baseT, base, nil
}
