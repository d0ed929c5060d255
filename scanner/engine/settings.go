package engine

import (
	"os"
	"path/filepath"
)

// Settings reads the files that steer a scan: the config and what it
// [extend]s (and, for the scanner's session, .gitleaksignore and the
// baseline). DirSettings reads them from the file system; the scanner
// reads them from a trusted revision's tree.
type Settings interface {
	// Read returns the content of name; ok is false when it is absent.
	Read(name string) (data []byte, ok bool, err error)
	// ExtendPath resolves p, the [extend] path of a config in dir, to a
	// name for Read.
	ExtendPath(dir, p string) (string, error)
	// Dir is the directory of name, for the [extend] paths it holds.
	Dir(name string) string
	// Label names a file in messages.
	Label(name string) string
}

// DirSettings reads settings from the file system: names are paths,
// relative to Root unless absolute. Used for the working tree and
// explicit paths.
type DirSettings struct{ Root string }

func (d DirSettings) path(name string) string {
	if filepath.IsAbs(name) || d.Root == "" {
		return name
	}
	return filepath.Join(d.Root, name)
}

// Read implements Settings.
func (d DirSettings) Read(name string) ([]byte, bool, error) {
	p := d.path(name)
	if st, err := os.Stat(p); err != nil || !st.Mode().IsRegular() {
		return nil, false, nil
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, false, err
	}
	return data, true, nil
}

// ExtendPath implements Settings.
func (d DirSettings) ExtendPath(dir, p string) (string, error) {
	if filepath.IsAbs(p) {
		return p, nil
	}
	return filepath.Join(dir, p), nil
}

// Dir implements Settings.
func (d DirSettings) Dir(name string) string { return filepath.Dir(name) }

// Label implements Settings.
func (d DirSettings) Label(name string) string { return d.path(name) }
