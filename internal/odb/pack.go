package odb

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/go-git/go-git/v5/plumbing"
)

// pack is one pack file and its version 2 index. The index stays as the
// file's bytes (mapped where the platform allows): lookups binary-search the
// sorted names within the fan-out bucket, so opening a pack of a million
// objects costs nothing up front.
type pack struct {
	id     int
	name   string
	f      *os.File
	size   int64
	idx    []byte
	unmap  func() error
	n      int
	names  []byte // n*20
	offs   []byte // n*4
	large  []byte // 8-byte offsets
	fanout []byte // 256*4

	// Where each entry ends: from the reverse index (pack-*.rev) when git
	// wrote one, else from offsets sorted on first use.
	rev       []byte // n*4 index positions in pack order
	unmapRev  func() error
	endsOnce  sync.Once
	sortedOff []int64
}

const idxHeader = 8 + 256*4

// openPack opens a pack and its index; it returns nil, nil for an index
// whose pack is absent (a pack being written).
func openPack(idxPath, packPath string) (*pack, error) {
	f, err := os.Open(packPath)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("open pack: %w", err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("open pack: %w", err)
	}
	idx, unmap, err := mapFile(idxPath)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("open pack index: %w", err)
	}
	p := &pack{name: packPath, f: f, size: fi.Size(), idx: idx, unmap: unmap}
	if err := p.parseIndex(); err != nil {
		p.close()
		return nil, fmt.Errorf("pack index %s: %w", idxPath, err)
	}
	if b, unmap, err := mapFile(strings.TrimSuffix(idxPath, ".idx") + ".rev"); err == nil {
		if len(b) >= 12+p.n*4 && string(b[:4]) == "RIDX" && binary.BigEndian.Uint32(b[4:]) == 1 {
			p.rev, p.unmapRev = b[12:12+p.n*4], unmap
		} else {
			unmap()
		}
	}
	var hdr [12]byte
	if _, err := f.ReadAt(hdr[:], 0); err != nil || string(hdr[:4]) != "PACK" {
		p.close()
		return nil, fmt.Errorf("pack %s: not a pack file: %w", packPath, ErrCorrupt)
	}
	if v := binary.BigEndian.Uint32(hdr[4:]); v != 2 && v != 3 {
		p.close()
		return nil, fmt.Errorf("pack %s: unsupported version %d", packPath, v)
	}
	return p, nil
}

func (p *pack) parseIndex() error {
	b := p.idx
	if len(b) < idxHeader || !bytes.Equal(b[:4], []byte{0xff, 't', 'O', 'c'}) {
		return fmt.Errorf("not a version 2 index: %w", ErrCorrupt)
	}
	if v := binary.BigEndian.Uint32(b[4:]); v != 2 {
		return fmt.Errorf("unsupported index version %d", v)
	}
	p.fanout = b[8:idxHeader]
	p.n = int(binary.BigEndian.Uint32(p.fanout[255*4:]))
	prev := uint32(0)
	for i := 0; i < 256; i++ {
		v := binary.BigEndian.Uint32(p.fanout[i*4:])
		if v < prev {
			return fmt.Errorf("fan-out table not sorted: %w", ErrCorrupt)
		}
		prev = v
	}
	need := idxHeader + p.n*(20+4+4) + 40
	if p.n < 0 || len(b) < need {
		return fmt.Errorf("truncated (%d objects, %d bytes): %w", p.n, len(b), ErrCorrupt)
	}
	o := idxHeader
	p.names = b[o : o+p.n*20]
	o += p.n * 20
	o += p.n * 4 // CRCs
	p.offs = b[o : o+p.n*4]
	o += p.n * 4
	p.large = b[o : len(b)-40]
	return nil
}

func (p *pack) close() error {
	var err error
	if p.unmapRev != nil {
		err = p.unmapRev()
		p.unmapRev = nil
	}
	if p.unmap != nil {
		if e := p.unmap(); err == nil {
			err = e
		}
		p.unmap = nil
	}
	if p.f != nil {
		if e := p.f.Close(); err == nil {
			err = e
		}
		p.f = nil
	}
	return err
}

// find returns the pack offset of h.
func (p *pack) find(h plumbing.Hash) (int64, bool) {
	lo := 0
	if h[0] > 0 {
		lo = int(binary.BigEndian.Uint32(p.fanout[(int(h[0])-1)*4:]))
	}
	hi := int(binary.BigEndian.Uint32(p.fanout[int(h[0])*4:]))
	if hi > p.n || lo > hi {
		return 0, false
	}
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		c := bytes.Compare(p.names[m*20:m*20+20], h[:])
		switch {
		case c == 0:
			return p.offset(m)
		case c < 0:
			lo = m + 1
		default:
			hi = m
		}
	}
	return 0, false
}

func (p *pack) offset(i int) (int64, bool) {
	v := binary.BigEndian.Uint32(p.offs[i*4:])
	if v&0x80000000 == 0 {
		return int64(v), true
	}
	j := int(v&0x7fffffff) * 8
	if j+8 > len(p.large) {
		return 0, false
	}
	return int64(binary.BigEndian.Uint64(p.large[j:])), true
}

// end returns where the entry at off ends: the next entry's offset, or the
// start of the pack's trailing checksum.
func (p *pack) end(off int64) int64 {
	last := p.size - 20
	if p.rev != nil {
		i := sort.Search(p.n, func(k int) bool {
			o, _ := p.offset(int(binary.BigEndian.Uint32(p.rev[k*4:])) % max(p.n, 1))
			return o > off
		})
		if i < p.n {
			o, _ := p.offset(int(binary.BigEndian.Uint32(p.rev[i*4:])) % p.n)
			return min(o, last)
		}
		return last
	}
	p.endsOnce.Do(func() {
		p.sortedOff = make([]int64, 0, p.n)
		for i := 0; i < p.n; i++ {
			if o, ok := p.offset(i); ok {
				p.sortedOff = append(p.sortedOff, o)
			}
		}
		slices.Sort(p.sortedOff)
	})
	i, _ := slices.BinarySearch(p.sortedOff, off+1)
	if i < len(p.sortedOff) {
		return min(p.sortedOff[i], last)
	}
	return last
}

// Pack entry types beyond the object types.
const (
	ofsDelta = 6
	refDelta = 7
)

// entry is a pack entry's header.
type entry struct {
	off     int64
	typ     uint8
	size    int64 // inflated size (of the delta data, for deltas)
	data    int64 // offset of the compressed data
	baseOff int64 // ofsDelta
	baseRef plumbing.Hash
}

// header reads the entry header at off.
func (p *pack) header(off int64) (entry, error) {
	var buf [32]byte
	n, err := p.f.ReadAt(buf[:], off)
	if n == 0 || off < 12 || off >= p.size-20 {
		if err == nil {
			err = errors.New("offset out of range")
		}
		return entry{}, fmt.Errorf("pack offset %d: %v: %w", off, err, ErrCorrupt)
	}
	b := buf[:n]
	e := entry{off: off}
	c := b[0]
	e.typ = (c >> 4) & 7
	e.size = int64(c & 15)
	shift := 4
	i := 1
	for c&0x80 != 0 {
		if i >= len(b) || shift > 56 {
			return entry{}, fmt.Errorf("pack offset %d: bad entry header: %w", off, ErrCorrupt)
		}
		c = b[i]
		i++
		e.size |= int64(c&0x7f) << shift
		shift += 7
	}
	switch e.typ {
	case 1, 2, 3, 4:
	case ofsDelta:
		if i >= len(b) {
			return entry{}, fmt.Errorf("pack offset %d: bad delta offset: %w", off, ErrCorrupt)
		}
		c = b[i]
		i++
		rel := int64(c & 0x7f)
		for c&0x80 != 0 {
			if i >= len(b) || rel > 1<<48 {
				return entry{}, fmt.Errorf("pack offset %d: bad delta offset: %w", off, ErrCorrupt)
			}
			c = b[i]
			i++
			rel = ((rel + 1) << 7) | int64(c&0x7f)
		}
		e.baseOff = off - rel
		if rel <= 0 || e.baseOff < 12 {
			return entry{}, fmt.Errorf("pack offset %d: delta base out of range: %w", off, ErrCorrupt)
		}
	case refDelta:
		if i+20 > len(b) {
			return entry{}, fmt.Errorf("pack offset %d: truncated delta base: %w", off, ErrCorrupt)
		}
		copy(e.baseRef[:], b[i:i+20])
		i += 20
	default:
		return entry{}, fmt.Errorf("pack offset %d: unknown entry type %d: %w", off, e.typ, ErrCorrupt)
	}
	if e.size < 0 || e.size > 1<<40 {
		return entry{}, fmt.Errorf("pack offset %d: bad size: %w", off, ErrCorrupt)
	}
	e.data = off + int64(i)
	return e, nil
}
