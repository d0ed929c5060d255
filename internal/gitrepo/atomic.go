package gitrepo

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// WriteFile atomically replaces the file at path with data. It writes a
// temporary file in the same directory, syncs it, renames it over path and
// syncs the directory: a crash leaves the old content or the new one, never
// a mix, and a failed write leaves path as it was. The file gets mode perm
// less the process umask, as a new file from os.WriteFile does, whatever
// mode a previous file at path had (ReplaceFile keeps it). A symbolic link
// at path is replaced, not followed. A device, FIFO or socket at path (or
// a link to one: /dev/null, /dev/stdout) is written through instead, since
// a rename would replace the node itself. The directory must exist.
func WriteFile(path string, data []byte, perm fs.FileMode) error {
	return write(path, perm, false, func(w io.Writer) error {
		_, err := io.Copy(w, bytes.NewReader(data))
		return err
	})
}

// WriteFunc is WriteFile with the content written by fill; when fill fails
// nothing is renamed and its error is returned.
func WriteFunc(path string, perm fs.FileMode, fill func(io.Writer) error) error {
	return write(path, perm, false, fill)
}

// ReplaceFile is WriteFile for rewriting a file in place: the new file
// keeps the mode of the one it replaces (perm less the umask when path does
// not exist yet).
func ReplaceFile(path string, data []byte, perm fs.FileMode) error {
	return write(path, perm, true, func(w io.Writer) error {
		_, err := io.Copy(w, bytes.NewReader(data))
		return err
	})
}

func write(path string, perm fs.FileMode, keepMode bool, fill func(io.Writer) error) (err error) {
	if !keepMode {
		if st, err := os.Stat(path); err == nil && st.Mode().Type()&(fs.ModeDevice|fs.ModeCharDevice|fs.ModeNamedPipe|fs.ModeSocket) != 0 {
			// --output /dev/null, /dev/stdout, a FIFO: renaming over the
			// node would replace the device itself (as root, /dev/null
			// would become a regular file), so write through it.
			return writeThrough(path, fill)
		}
	}
	dir := filepath.Dir(path)
	tmp, err := createTemp(dir, filepath.Base(path), perm)
	if err != nil {
		return err
	}
	name := tmp.Name()
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(name)
		}
	}()
	if err := fill(tmp); err != nil {
		return err
	}
	if keepMode {
		if st, err := os.Stat(path); err == nil {
			if err := tmp.Chmod(st.Mode().Perm()); err != nil {
				return err
			}
		}
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(name, path); err != nil {
		return err
	}
	return syncDir(dir)
}

// createTemp creates a new file next to base in dir with mode perm; the
// kernel applies the umask (os.CreateTemp would force 0600).
func createTemp(dir, base string, perm fs.FileMode) (*os.File, error) {
	var b [8]byte
	for i := 0; ; i++ {
		if _, err := rand.Read(b[:]); err != nil {
			return nil, err
		}
		name := filepath.Join(dir, "."+base+".secretsweep-"+hex.EncodeToString(b[:]))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, fs.ErrExist) || i >= 100 {
			return nil, err
		}
	}
}

// syncDir makes a rename in dir durable. File systems that cannot sync a
// directory (EINVAL) are not an error.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) && !errors.Is(err, syscall.ENOTSUP) {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}

// writeThrough writes fill's output into the existing device, pipe or
// socket at path (following symbolic links, as /dev/stdout is one).
func writeThrough(path string, fill func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	if err := fill(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
