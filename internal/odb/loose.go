package odb

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/klauspost/compress/zlib"
)

// readLoose reads a loose object file ("type size\0content", deflated),
// into dst when it is large enough.
func readLoose(path string, max int64, dst []byte) (Type, []byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, nil, err
	}
	defer f.Close()
	zr, err := zlib.NewReader(f)
	if err != nil {
		return 0, nil, fmt.Errorf("loose object: %v: %w", err, ErrCorrupt)
	}
	defer zr.Close()
	var hdr []byte
	var b [1]byte
	for {
		if _, err := io.ReadFull(zr, b[:]); err != nil {
			return 0, nil, fmt.Errorf("loose object header: %v: %w", err, ErrCorrupt)
		}
		if b[0] == 0 {
			break
		}
		if hdr = append(hdr, b[0]); len(hdr) > 32 {
			return 0, nil, fmt.Errorf("loose object header too long: %w", ErrCorrupt)
		}
	}
	name, sz, ok := bytes.Cut(hdr, []byte{' '})
	size, err := strconv.ParseInt(string(sz), 10, 64)
	if !ok || err != nil || size < 0 {
		return 0, nil, fmt.Errorf("loose object header %q: %w", hdr, ErrCorrupt)
	}
	var t Type
	switch string(name) {
	case "commit":
		t = Commit
	case "tree":
		t = Tree
	case "blob":
		t = Blob
	case "tag":
		t = Tag
	default:
		return 0, nil, fmt.Errorf("loose object type %q: %w", name, ErrCorrupt)
	}
	if max > 0 && size > max {
		return 0, nil, ErrTooLarge
	}
	if fi, err := f.Stat(); err != nil || size > fi.Size()*maxRatio+1024 {
		return 0, nil, fmt.Errorf("loose object size %d: %w", size, ErrCorrupt)
	}
	data := dst[:min(int64(cap(dst)), size)]
	if int64(len(data)) < size {
		data = make([]byte, size)
	}
	if _, err := io.ReadFull(zr, data); err != nil {
		return 0, nil, fmt.Errorf("loose object: %v: %w", err, ErrCorrupt)
	}
	// The stream must end here; reading its end checks the Adler-32 trailer.
	if n, err := zr.Read(b[:]); n != 0 || err != io.EOF {
		return 0, nil, fmt.Errorf("loose object: longer than %d bytes or bad checksum: %w", size, ErrCorrupt)
	}
	return t, data, nil
}
