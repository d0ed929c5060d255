package odb

import "fmt"

// deltaSizes decodes a delta's header: the sizes of its base and result,
// and where its instructions start.
func deltaSizes(d []byte) (src, dst int64, pos int, err error) {
	src, pos, err = varint(d, 0)
	if err == nil {
		dst, pos, err = varint(d, pos)
	}
	return src, dst, pos, err
}

func varint(d []byte, i int) (int64, int, error) {
	var v int64
	for shift := 0; ; shift += 7 {
		if i >= len(d) || shift > 56 {
			return 0, 0, fmt.Errorf("delta header: %w", ErrCorrupt)
		}
		c := d[i]
		i++
		v |= int64(c&0x7f) << shift
		if c&0x80 == 0 {
			return v, i, nil
		}
	}
}

// applyDelta rebuilds an object from its base and a git delta, checking
// every copy and insert against both buffers. The result is written to dst
// when it fits (dst must not overlap base), else to a new buffer.
func applyDelta(dst, base, d []byte) ([]byte, error) {
	src, size, i, err := deltaSizes(d)
	if err != nil {
		return nil, err
	}
	if src != int64(len(base)) {
		return nil, fmt.Errorf("delta base size %d, want %d: %w", len(base), src, ErrCorrupt)
	}
	// Each instruction byte yields at most 64 KiB (a copy of 0x10000).
	if size > int64(len(d))<<16 {
		return nil, fmt.Errorf("delta result size %d: %w", size, ErrCorrupt)
	}
	out := dst[:0]
	if int64(cap(dst)) < size {
		out = make([]byte, 0, size)
	}
	for i < len(d) {
		op := d[i]
		i++
		switch {
		case op&0x80 != 0:
			var off, n int64
			for b := 0; b < 4; b++ {
				if op&(1<<b) != 0 {
					if i >= len(d) {
						return nil, fmt.Errorf("delta copy: %w", ErrCorrupt)
					}
					off |= int64(d[i]) << (8 * b)
					i++
				}
			}
			for b := 0; b < 3; b++ {
				if op&(0x10<<b) != 0 {
					if i >= len(d) {
						return nil, fmt.Errorf("delta copy: %w", ErrCorrupt)
					}
					n |= int64(d[i]) << (8 * b)
					i++
				}
			}
			if n == 0 {
				n = 0x10000
			}
			if off+n > int64(len(base)) || int64(len(out))+n > size {
				return nil, fmt.Errorf("delta copy out of range: %w", ErrCorrupt)
			}
			out = append(out, base[off:off+n]...)
		case op != 0:
			n := int(op)
			if i+n > len(d) || int64(len(out)+n) > size {
				return nil, fmt.Errorf("delta insert out of range: %w", ErrCorrupt)
			}
			out = append(out, d[i:i+n]...)
			i += n
		default:
			return nil, fmt.Errorf("delta opcode 0: %w", ErrCorrupt)
		}
	}
	if int64(len(out)) != size {
		return nil, fmt.Errorf("delta result %d bytes, want %d: %w", len(out), size, ErrCorrupt)
	}
	return out, nil
}
