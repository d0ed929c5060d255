package scanner

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/index"

	"github.com/secretsweep/secretsweep/internal/odb"
	"github.com/secretsweep/secretsweep/scanner/engine"
)

// The settings that steer a scan (the config and what it extends,
// .gitleaksignore, the baseline) are files of the repository, which the
// code under scan can change. In range and staged modes they are read from
// a trusted revision (Options.ConfigRev): a pull request that adds its own
// fingerprint to .gitleaksignore, or paths = ['''.*'''] to the allowlist,
// is still scanned with the base branch's files, and the scan warns that
// the change touches them.

// ignoreFileName is gitleaks' ignore file at the root.
const ignoreFileName = ".gitleaksignore"

// revSource reads settings from the tree of a trusted commit; every name
// it looks up is recorded with its blob (zero when absent), so the changes
// under scan can be compared with it. With a zero tree (no revision to
// trust) every file is absent and defaults apply.
type revSource struct {
	r      *repo
	d      *differ
	tree   plumbing.Hash
	desc   string // "the base origin/main (1a2b3c4d5e6f)", "HEAD (...)"
	reason string // why there is no revision, when tree is zero
	looked map[string]plumbing.Hash
	order  []string
	bad    plumbing.Hash // the first tree that could not be read
}

func newRevSource(r *repo, tree plumbing.Hash, desc, reason string) *revSource {
	s := &revSource{r: r, tree: tree, desc: desc, reason: reason, looked: map[string]plumbing.Hash{}}
	s.d = &differ{db: r.db, failed: s.failed, cache: newLRU[plumbing.Hash, []treeEntry](1024)}
	return s
}

func (s *revSource) failed(f readFailure) {
	if s.bad.IsZero() {
		s.bad = f.hash
	}
}

// lookup returns the blob at name in the trusted tree, recording it.
func (s *revSource) lookup(name string) (plumbing.Hash, error) {
	if h, ok := s.looked[name]; ok {
		return h, nil
	}
	h, err := lookupTree(s.d, s.tree, name, &s.bad)
	if err != nil {
		return h, fmt.Errorf("settings: read %s: %w", s.Label(name), err)
	}
	s.looked[name] = h
	s.order = append(s.order, name)
	return h, nil
}

func (s *revSource) Read(name string) ([]byte, bool, error) {
	h, err := s.lookup(name)
	if err != nil || h.IsZero() {
		return nil, false, err
	}
	data, err := readObject(s.r.db, h, odb.Blob, 0)
	if err != nil {
		return nil, false, fmt.Errorf("settings: read %s: blob %s: %w", s.Label(name), h, err)
	}
	return data, true, nil
}

func (s *revSource) ExtendPath(dir, p string) (string, error) {
	if path.IsAbs(p) || filepath.IsAbs(p) || filepath.VolumeName(p) != "" {
		return "", fmt.Errorf("path %q is outside the tree of %s, which settings are read from", p, s.where())
	}
	q := path.Join(dir, filepath.ToSlash(p))
	if q == ".." || strings.HasPrefix(q, "../") {
		return "", fmt.Errorf("path %q is outside the tree of %s, which settings are read from", p, s.where())
	}
	return q, nil
}

func (s *revSource) Dir(name string) string { return path.Dir(name) }

func (s *revSource) Label(name string) string { return s.where() + ":" + name }

func (s *revSource) where() string {
	if s.tree.IsZero() {
		return "no revision"
	}
	return s.desc
}

// lookupTree returns the regular file at slash-separated name under tree
// (zero when absent); an unreadable tree on the way is an error, never an
// absent file.
func lookupTree(d *differ, tree plumbing.Hash, name string, bad *plumbing.Hash) (plumbing.Hash, error) {
	if tree.IsZero() {
		return plumbing.ZeroHash, nil
	}
	h, err := d.lookup(tree, name)
	if err == nil && !bad.IsZero() {
		err = fmt.Errorf("tree %s could not be read (absent or corrupt)", *bad)
	}
	return h, err
}

// trusted is what a session keeps of a revSource: the blob of each
// settings file it read or could have read, to compare with what is
// scanned.
type trusted struct {
	desc, reason string
	names        []string
	hashes       map[string]plumbing.Hash
}

// changed returns a warning for each settings file whose blob in the
// changes under scan (cur: zero when absent) differs from the trusted one.
func (t *trusted) changed(cur func(name string) (plumbing.Hash, error), warned map[string]bool) ([]string, error) {
	var out []string
	for _, name := range t.names {
		if warned[name] {
			continue
		}
		h, err := cur(name)
		if err != nil {
			return nil, err
		}
		if h == t.hashes[name] {
			continue
		}
		warned[name] = true
		if t.reason != "" {
			out = append(out, fmt.Sprintf("%s in the changes under scan was not applied: %s", name, t.reason))
		} else {
			out = append(out, fmt.Sprintf("%s is modified by the changes under scan; it was read from %s, not from them", name, t.desc))
		}
	}
	return out, nil
}

// settingsSource returns where the session reads the settings that are not
// explicit paths: a trusted revision of the repository (see
// Options.ConfigRev), or the working tree. cleanup releases the repository.
func (s *session) settingsSource() (src engine.Settings, cleanup func(), err error) {
	o := s.opts
	rev, implied := o.ConfigRev, false
	if rev == "" {
		switch o.Mode {
		case ModeRange:
			_, exc, err := rangeRevs(o)
			if err != nil {
				return nil, nil, err
			}
			if len(exc) > 0 {
				rev = exc[0]
			}
		case ModeStaged:
			rev = "HEAD"
		default:
			return engine.DirSettings{Root: s.cfgRoot()}, func() {}, nil
		}
		implied = true
	}
	r, err := s.openRepo()
	if err != nil {
		if o.ConfigRev != "" {
			return nil, nil, fmt.Errorf("settings revision %q: %w", o.ConfigRev, err)
		}
		return nil, nil, err
	}
	src, err = s.revSource(r, rev, implied)
	if err != nil {
		r.close()
		return nil, nil, err
	}
	return src, r.close, nil
}

// cfgRoot is the directory of the working tree settings: the repository's
// top in git modes, else the scanned directory (or a scanned file's).
func (s *session) cfgRoot() string {
	if s.opts.Mode != ModeDir {
		if loc, err := s.locate(); err == nil && loc.Root != "" {
			return loc.Root
		}
	} else if st, err := os.Stat(s.root); err == nil && !st.IsDir() {
		return filepath.Dir(s.root)
	}
	return s.root
}

// revSource resolves the trusted revision. An implied one may be absent: a
// range without a base, or HEAD before the first commit.
func (s *session) revSource(r *repo, rev string, implied bool) (*revSource, error) {
	if rev == "" {
		return newRevSource(r, plumbing.ZeroHash, "", "the range has no base revision to read settings from (scan BASE..HEAD, or name a trusted revision with --config-rev)"), nil
	}
	if implied && rev == "HEAD" {
		if _, err := r.git.Head(); errors.Is(err, plumbing.ErrReferenceNotFound) {
			return newRevSource(r, plumbing.ZeroHash, "", "there is no commit yet to read settings from"), nil
		}
	}
	c, err := resolveCommit(r, rev)
	if err != nil {
		if implied {
			return nil, err
		}
		return nil, fmt.Errorf("settings revision: %w", err)
	}
	cm, err := getCommit(r.db, c)
	if err != nil {
		return nil, fmt.Errorf("settings revision %q: %w", rev, err)
	}
	short := c.String()[:12]
	desc := rev + " (" + short + ")"
	if strings.HasPrefix(c.String(), rev) {
		desc = short
	}
	if implied && s.opts.Mode == ModeRange {
		desc = "the base " + desc
	}
	return newRevSource(r, cm.tree, desc, ""), nil
}

// trust records, after loading, the settings files of a revSource and,
// in range mode, warns about those the range's tips change.
func (s *session) trust(src *revSource) error {
	o := s.opts
	var names []string
	if o.ConfigPath == "" {
		names = append(names, engine.ConfigFileNames()...)
	}
	if o.IgnorePath == "" {
		names = append(names, ignoreFileName)
	}
	if o.BaselinePath == "" && o.BaselineName != "" {
		names = append(names, o.BaselineName)
	}
	for _, name := range src.order {
		if !slices.Contains(names, name) {
			names = append(names, name) // extended configs
		}
	}
	t := &trusted{desc: src.desc, reason: src.reason, hashes: map[string]plumbing.Hash{}}
	for _, name := range names {
		h, err := src.lookup(name)
		if err != nil {
			return err
		}
		t.names = append(t.names, name)
		t.hashes[name] = h
	}
	s.trusted = t
	if o.Mode != ModeRange {
		return nil
	}
	inc, _, err := rangeRevs(o)
	if err != nil {
		return err
	}
	warned := map[string]bool{}
	for _, rev := range inc {
		c, err := resolveCommit(src.r, rev)
		if err != nil {
			return err
		}
		cm, err := getCommit(src.r.db, c)
		if err != nil {
			return fmt.Errorf("read commit %s: %w", c, err)
		}
		ws, err := t.changed(func(name string) (plumbing.Hash, error) {
			h, err := lookupTree(src.d, cm.tree, name, &src.bad)
			if err != nil {
				return h, fmt.Errorf("settings: read %s:%s: %w", rev, name, err)
			}
			return h, nil
		}, warned)
		if err != nil {
			return err
		}
		s.warnings = append(s.warnings, ws...)
	}
	return nil
}

// stagedChanges warns about settings files the index changes.
func (s *session) stagedChanges(idx *index.Index) {
	if s.trusted == nil {
		return
	}
	entries := map[string]plumbing.Hash{}
	for _, e := range idx.Entries {
		if e.Stage == 0 && isFileMode(e.Mode) {
			entries[e.Name] = e.Hash
		}
	}
	ws, _ := s.trusted.changed(func(name string) (plumbing.Hash, error) { return entries[name], nil }, map[string]bool{})
	s.warnings = append(s.warnings, ws...)
}
