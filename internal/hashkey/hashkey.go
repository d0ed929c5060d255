// Package hashkey finds the key of secretsweep's keyed secret hashes
// (finding.Hasher): from the --hash-key-file flag, the SECRETSWEEP_HASH_KEY
// or SECRETSWEEP_HASH_KEY_FILE environment variables, or a key file it
// creates on first use under the user's configuration directory.
//
// A key is written as hex digits (at least 2*finding.MinKeyLen of them; the
// created file holds KeyBytes random bytes, as `openssl rand -hex 32` gives),
// so a key file's content can be pasted into SECRETSWEEP_HASH_KEY, e.g. as a
// CI secret. Key files must be regular files that neither group nor others
// can read or write.
package hashkey

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
	"runtime"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// Environment variables, in order of precedence after the flag.
const (
	EnvKey     = "SECRETSWEEP_HASH_KEY"      // the key itself, in hex
	EnvKeyFile = "SECRETSWEEP_HASH_KEY_FILE" // a key file
)

// Default key file location: UserConfigDir/DirName/FileName.
const (
	DirName  = "secretsweep"
	FileName = "hash.key"
	// KeyBytes is the size of a created key.
	KeyBytes = 32
)

// maxKeyFile bounds what is read from a key file.
const maxKeyFile = 4 << 10

// Options say where to look for the key. Every field but File is a
// dependency that tests replace.
type Options struct {
	// File is the --hash-key-file flag ("" when not given).
	File string
	// Getenv reads the environment; nil means os.Getenv.
	Getenv func(string) string
	// UserConfigDir returns the user's configuration directory; nil means
	// os.UserConfigDir.
	UserConfigDir func() (string, error)
	// Rand is the source of a created key; nil means crypto/rand.Reader.
	Rand io.Reader
}

// Key is a loaded key.
type Key struct {
	Hasher finding.Hasher
	// Source says where the key came from: "--hash-key-file PATH",
	// "SECRETSWEEP_HASH_KEY", "SECRETSWEEP_HASH_KEY_FILE PATH" or the
	// default file's path.
	Source string
	// Created is set when this call created the default key file.
	Created bool
}

// Load returns the key, from the first of: o.File, SECRETSWEEP_HASH_KEY,
// SECRETSWEEP_HASH_KEY_FILE, the default key file (created when missing).
// Errors never quote a key.
func Load(o Options) (*Key, error) {
	if o.Getenv == nil {
		o.Getenv = os.Getenv
	}
	if o.UserConfigDir == nil {
		o.UserConfigDir = os.UserConfigDir
	}
	if o.Rand == nil {
		o.Rand = rand.Reader
	}
	switch {
	case o.File != "":
		return fromFile(o.File, "--hash-key-file "+o.File)
	case o.Getenv(EnvKey) != "":
		h, err := parse([]byte(o.Getenv(EnvKey)))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", EnvKey, err)
		}
		return &Key{Hasher: h, Source: EnvKey}, nil
	case o.Getenv(EnvKeyFile) != "":
		p := o.Getenv(EnvKeyFile)
		return fromFile(p, EnvKeyFile+" "+p)
	}
	dir, err := o.UserConfigDir()
	if err != nil {
		return nil, fmt.Errorf("no hash key: set %s or --hash-key-file (no configuration directory for a default key file: %v)", EnvKey, err)
	}
	return loadOrCreate(filepath.Join(dir, DirName, FileName), o.Rand)
}

// DefaultPath returns the default key file's path under configDir.
func DefaultPath(configDir string) string { return filepath.Join(configDir, DirName, FileName) }

// fromFile reads the key file at path; what names the setting for errors.
func fromFile(path, what string) (*Key, error) {
	h, err := readKeyFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return &Key{Hasher: h, Source: what}, nil
}

// readKeyFile opens path, checks it is a private regular file and parses it.
// The checks are made on the opened file, so a swap between check and read
// is caught.
func readKeyFile(path string) (finding.Hasher, error) {
	f, err := os.Open(path)
	if err != nil {
		return finding.Hasher{}, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return finding.Hasher{}, err
	}
	if !st.Mode().IsRegular() {
		return finding.Hasher{}, fmt.Errorf("key file %s is not a regular file", path)
	}
	if perm := st.Mode().Perm(); perm&0o077 != 0 && runtime.GOOS != "windows" {
		return finding.Hasher{}, fmt.Errorf("key file %s has mode %04o: group and others must not read or write it (chmod 600 %s)", path, perm, path)
	}
	b, err := io.ReadAll(io.LimitReader(f, maxKeyFile+1))
	if err != nil {
		return finding.Hasher{}, err
	}
	if len(b) > maxKeyFile {
		return finding.Hasher{}, fmt.Errorf("key file %s is over %d bytes: not a key", path, maxKeyFile)
	}
	h, err := parse(b)
	if err != nil {
		return finding.Hasher{}, fmt.Errorf("key file %s: %w", path, err)
	}
	return h, nil
}

// parse decodes a hex key (surrounding white space ignored).
func parse(b []byte) (finding.Hasher, error) {
	b = bytes.TrimSpace(b)
	key := make([]byte, hex.DecodedLen(len(b)))
	if _, err := hex.Decode(key, b); err != nil || len(key) < finding.MinKeyLen {
		return finding.Hasher{}, fmt.Errorf("want a key of at least %d hex digits (make one with: openssl rand -hex %d)", 2*finding.MinKeyLen, KeyBytes)
	}
	return finding.NewHasher(key)
}

// loadOrCreate reads the default key file, creating it first when it does
// not exist. Creation is atomic and never replaces a file: the key is
// written to a temporary file (created with O_EXCL, mode 0600) and
// hard-linked into place, which fails when the name exists; then the run
// that lost a race reads the winner's key, so concurrent first runs agree,
// and no run ever reads a partly written key.
func loadOrCreate(path string, rnd io.Reader) (*Key, error) {
	h, err := readKeyFile(path)
	if err == nil {
		return &Key{Hasher: h, Source: path}, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("no hash key: set %s or --hash-key-file (cannot create %s: %v)", EnvKey, dir, unwrapPath(err))
	}
	raw := make([]byte, KeyBytes)
	if _, err := io.ReadFull(rnd, raw); err != nil {
		return nil, fmt.Errorf("generate hash key: %w", err)
	}
	created, err := publish(path, []byte(hex.EncodeToString(raw)+"\n"))
	if err != nil {
		return nil, fmt.Errorf("no hash key: set %s or --hash-key-file (cannot create %s: %v)", EnvKey, path, unwrapPath(err))
	}
	if h, err = readKeyFile(path); err != nil {
		return nil, err
	}
	return &Key{Hasher: h, Source: path, Created: created}, nil
}

// publish writes content to a new file at path unless path exists; it
// reports whether it created the file.
func publish(path string, content []byte) (bool, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+FileName+"-*") // O_EXCL, 0600
	if err != nil {
		return false, err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return false, err
	}
	if _, err := tmp.Write(content); err != nil {
		tmp.Close()
		return false, err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return false, err
	}
	if err := tmp.Close(); err != nil {
		return false, err
	}
	err = os.Link(tmp.Name(), path)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, fs.ErrExist):
		return false, nil // another run created it first: use that key
	default:
		return false, err
	}
}

func unwrapPath(err error) error {
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
