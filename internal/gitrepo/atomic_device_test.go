//go:build unix

package gitrepo

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestWriteThroughNamedPipe: --output naming a FIFO (as /dev/stdout or
// /dev/null name nodes that are not regular files) writes into the node and
// leaves it in place; a rename would have replaced it with a regular file.
func TestWriteThroughNamedPipe(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "out.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("SKIP: mkfifo: %v", err)
	}
	link := filepath.Join(dir, "stdout")
	if err := os.Symlink(fifo, link); err != nil {
		t.Fatal(err)
	}
	// Opened read-write, a FIFO opens without waiting for a writer and its
	// buffer holds the report: the test fails instead of hanging when the
	// FIFO is replaced.
	r, err := os.OpenFile(fifo, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for _, target := range []string{fifo, link} {
		if err := WriteFile(target, []byte("report\n"), 0o644); err != nil {
			t.Fatalf("%s: %v", target, err)
		}
		st, err := os.Lstat(fifo)
		if err != nil || st.Mode().Type() != fs.ModeNamedPipe {
			t.Fatalf("%s: the FIFO was replaced: %v %v", target, st.Mode(), err)
		}
		if st, err := os.Lstat(link); err != nil || st.Mode().Type() != fs.ModeSymlink {
			t.Fatalf("the symbolic link was replaced: %v", err)
		}
		if err := r.SetReadDeadline(time.Now().Add(5 * time.Second)); err != nil {
			t.Fatal(err)
		}
		b := make([]byte, 64)
		n, err := r.Read(b)
		if err != nil || string(b[:n]) != "report\n" {
			t.Errorf("%s: read %q, %v", target, b[:n], err)
		}
	}
	assertFiles(t, dir, "out.fifo", "stdout")
}

func assertFiles(t *testing.T, dir string, names ...string) {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != len(names) {
		t.Fatalf("directory holds %d entries, want %v", len(ents), names)
	}
	for i, e := range ents {
		if e.Name() != names[i] {
			t.Errorf("entry %d is %s, want %s", i, e.Name(), names[i])
		}
	}
}
