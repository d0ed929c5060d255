package odb

import (
	"bufio"
	"fmt"
	"io"
	"sync"

	"github.com/klauspost/compress/zlib"
)

// inflater is a reusable zlib reader. klauspost/compress inflates about a
// third faster than compress/zlib, and fastest from a *bufio.Reader, which
// its decoder special-cases; bufio reads the pack in 16 KiB pieces.
type inflater struct {
	br *bufio.Reader
	zr io.ReadCloser
}

var inflaters = sync.Pool{New: func() any { return &inflater{br: bufio.NewReaderSize(nil, 16<<10)} }}

// inflate reads the zlib stream at r into a buffer of exactly size bytes.
func inflate(r io.Reader, size int64) ([]byte, error) {
	in := inflaters.Get().(*inflater)
	defer func() {
		in.br.Reset(nil)
		inflaters.Put(in)
	}()
	in.br.Reset(r)
	var err error
	if in.zr == nil {
		in.zr, err = zlib.NewReader(in.br)
	} else {
		err = in.zr.(zlib.Resetter).Reset(in.br, nil)
	}
	if err != nil {
		in.zr = nil
		return nil, fmt.Errorf("inflate: %v: %w", err, ErrCorrupt)
	}
	out := make([]byte, size)
	if _, err := io.ReadFull(in.zr, out); err != nil {
		return nil, fmt.Errorf("inflate: %v: %w", err, ErrCorrupt)
	}
	return out, nil
}

func (p *pack) inflate(e entry) ([]byte, error) {
	return inflate(io.NewSectionReader(p.f, e.data, p.size-20-e.data), e.size)
}

// maxChain bounds delta chains (git's default depth is 50; --depth=4095 is
// the most git allows), catching REF_DELTA cycles in corrupt packs.
const maxChain = 10000

// unpack returns the object at off, resolving its delta chain. Bases met on
// the way are cached by offset: walking history, a file's consecutive
// versions share most of their chains.
func (db *DB) unpack(p *pack, off int64, max int64, depth int) (Type, []byte, error) {
	if t, b, ok := db.cache.get(p.id, off); ok {
		if max > 0 && int64(len(b)) > max {
			return 0, nil, ErrTooLarge
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
		data, err := p.inflate(e)
		return Type(e.typ), data, err
	}
	top, err := p.inflate(e)
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
				if baseT, base, err = db.read(cur.baseRef, 0, depth+1); err != nil {
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
			if base, err = p.inflate(ne); err != nil {
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
		d := top
		if i > 0 {
			if d, err = p.inflate(chain[i]); err != nil {
				return 0, nil, err
			}
		}
		if base, err = applyDelta(base, d); err != nil {
			return 0, nil, fmt.Errorf("pack offset %d: %w", chain[i].off, err)
		}
		if i > 0 {
			db.cache.put(p.id, chain[i].off, baseT, base)
		}
	}
	return baseT, base, nil
}
