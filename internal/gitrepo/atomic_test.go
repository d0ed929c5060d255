//go:build unix

package gitrepo

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// withUmask runs f under umask mask and restores the previous one.
func withUmask(t *testing.T, mask int, f func()) {
	t.Helper()
	old := syscall.Umask(mask)
	defer syscall.Umask(old)
	f()
}

func TestWriteFileMode(t *testing.T) {
	tests := []struct {
		name     string
		umask    int
		perm     fs.FileMode
		existing fs.FileMode // 0: no file before
		replace  bool        // ReplaceFile instead of WriteFile
		want     fs.FileMode
	}{
		{name: "new, umask 022", umask: 0o022, perm: 0o644, want: 0o644},
		{name: "new, umask 077", umask: 0o077, perm: 0o644, want: 0o600},
		{name: "new, umask 002", umask: 0o002, perm: 0o664, want: 0o664},
		{name: "private, umask 000", umask: 0, perm: 0o600, want: 0o600},
		{name: "private over a world-readable file", umask: 0o022, perm: 0o600, existing: 0o644, want: 0o600},
		{name: "replace keeps an executable", umask: 0o077, perm: 0o644, existing: 0o755, replace: true, want: 0o755},
		{name: "replace keeps group write", umask: 0o022, perm: 0o644, existing: 0o664, replace: true, want: 0o664},
		{name: "replace of a new file honours the umask", umask: 0o027, perm: 0o644, replace: true, want: 0o640},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, "out.txt")
			if tt.existing != 0 {
				if err := os.WriteFile(p, []byte("old"), 0o600); err != nil {
					t.Fatal(err)
				}
				if err := os.Chmod(p, tt.existing); err != nil {
					t.Fatal(err)
				}
			}
			withUmask(t, tt.umask, func() {
				var err error
				if tt.replace {
					err = ReplaceFile(p, []byte("new"), tt.perm)
				} else {
					err = WriteFile(p, []byte("new"), tt.perm)
				}
				if err != nil {
					t.Fatal(err)
				}
			})
			st, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			if st.Mode().Perm() != tt.want {
				t.Errorf("mode %v, want %v", st.Mode().Perm(), tt.want)
			}
			if b, _ := os.ReadFile(p); string(b) != "new" {
				t.Errorf("content %q", b)
			}
			assertOnlyFile(t, dir, "out.txt")
		})
	}
}

// A failed write leaves the old file and no temporary file behind.
func TestWriteFuncFailure(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "report.json")
	if err := os.WriteFile(p, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := WriteFunc(p, 0o644, func(w io.Writer) error {
		if _, err := io.WriteString(w, "partial"); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "old" {
		t.Errorf("content %q after a failed write", b)
	}
	assertOnlyFile(t, dir, "report.json")
	if err := WriteFile(filepath.Join(dir, "missing", "x"), []byte("x"), 0o644); err == nil {
		t.Error("wrote into a missing directory")
	}
}

func assertOnlyFile(t *testing.T, dir, name string) {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != 1 || ents[0].Name() != name {
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		t.Errorf("directory holds %v, want only %s", names, name)
	}
}
