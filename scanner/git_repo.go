package scanner

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"

	"github.com/secretsweep/secretsweep/internal/gitrepo"
	"github.com/secretsweep/secretsweep/internal/gitrepo/gitopen"
	"github.com/secretsweep/secretsweep/internal/odb"
)

// repo is an open repository: go-git for references and configuration;
// odb for objects, which a scan reads by the million (see odb's package
// comment for why not go-git).
type repo struct {
	loc *gitrepo.Repo
	git *git.Repository
	db  *odb.DB
	// shallow holds the commits of .git/shallow: a shallow clone's boundary,
	// whose parents git treats as absent by design.
	shallow map[plumbing.Hash]bool
	// partial is set for a partial clone (a promisor remote): objects it
	// did not fetch are absent by design.
	partial bool
}

// locate finds the repository a git-mode scan reads: Options.GitDir with
// the work tree at the root when set, else the repository containing the
// root (a work tree, a .git directory or a bare repository).
func (s *session) locate() (*gitrepo.Repo, error) {
	var (
		loc *gitrepo.Repo
		err error
	)
	if s.opts.GitDir != "" {
		loc, err = gitrepo.AtGitDir(s.opts.GitDir, s.root)
	} else {
		loc, err = gitrepo.Find(s.root)
	}
	if errors.Is(err, gitrepo.ErrNotRepository) {
		return nil, fmt.Errorf("%s: %w", s.root, ErrNotRepository)
	}
	return loc, err
}

// openRepo opens the scan's repository for a read-only scan; workers share
// it. Call close when done.
func (s *session) openRepo() (*repo, error) {
	loc, err := s.locate()
	if err != nil {
		return nil, err
	}
	return openRepoAt(loc)
}

// openScanRepo opens the repository containing path.
func openScanRepo(path string) (*repo, error) {
	s := &session{root: path}
	return s.openRepo()
}

func openRepoAt(loc *gitrepo.Repo) (*repo, error) {
	g, err := gitopen.Repo(loc)
	if err != nil {
		if errors.Is(err, gitrepo.ErrNotRepository) {
			return nil, fmt.Errorf("%s: %w", loc.GitDir, ErrNotRepository)
		}
		return nil, err
	}
	db, err := odb.Open(loc.ObjectsDir(), odb.Options{})
	if err != nil {
		return nil, fmt.Errorf("open repository %s: %w", loc.GitDir, err)
	}
	r := &repo{loc: loc, git: g, db: db, partial: isPartialClone(g, loc.ObjectsDir())}
	if r.shallow, err = readShallow(filepath.Join(filepath.Dir(loc.ObjectsDir()), "shallow")); err != nil {
		db.Close()
		return nil, fmt.Errorf("open repository %s: %w", loc.GitDir, err)
	}
	return r, nil
}

// readShallow reads a shallow file (one commit id a line); a repository
// that is not shallow has none.
func readShallow(path string) (map[plumbing.Hash]bool, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	out := map[plumbing.Hash]bool{}
	for _, line := range strings.Fields(string(data)) {
		h, ok := parseHex([]byte(line))
		if !ok {
			return nil, fmt.Errorf("%s: %q is not a commit id", path, line)
		}
		out[h] = true
	}
	return out, nil
}

// isPartialClone reports whether objects may be missing by design: a
// remote marked promisor (git clone --filter), the older
// extensions.partialClone setting, or a pack fetched from a promisor.
func isPartialClone(g *git.Repository, objects string) bool {
	if cfg, err := g.Config(); err == nil {
		if cfg.Raw.Section("extensions").Option("partialclone") != "" {
			return true
		}
		for _, sub := range cfg.Raw.Section("remote").Subsections {
			if strings.EqualFold(sub.Option("promisor"), "true") {
				return true
			}
		}
	}
	promisors, _ := filepath.Glob(filepath.Join(objects, "pack", "*.promisor"))
	return len(promisors) > 0
}

func (r *repo) close() { r.db.Close() }

// errMissing marks objects absent from the store (shallow or partial clones,
// snapshots without large files).
var errMissing = errors.New("missing object")

// blobReader reads the two versions of a changed file into buffers it
// reuses from one change to the next. Blob contents were over a third of
// the bytes a history scan allocated, and the garbage they made set the
// pace of the collector. Nothing keeps a blob past its scan: fragments are
// views scanned at once, and findings copy what they quote.
type blobReader struct {
	db       *odb.DB
	cur, old []byte
}

// maxKeptBlobBuf bounds the buffers a blobReader keeps: one large file does
// not hold its size in memory for the rest of the scan.
const maxKeptBlobBuf = 4 << 20

// read reads blob h into *buf (which it may replace), refusing blobs above
// max bytes (max <= 0: no limit) with errTooLarge; absent ones give
// errMissing. The content is valid until the next read into the same buffer.
func (b *blobReader) read(h plumbing.Hash, max int64, buf *[]byte) ([]byte, error) {
	t, data, err := b.db.ReadInto(h, max, *buf)
	if cap(data) > cap(*buf) && cap(data) <= maxKeptBlobBuf {
		*buf = data
	}
	if err = objectErr(h, t, odb.Blob, err); err != nil {
		return nil, err
	}
	return data, nil
}

var errTooLarge = errors.New("too large")

// refTips returns the commits that every reference points at, with the
// first ref naming each. A ref whose target cannot be read goes to failed;
// one that names a tree or blob (a tag of one) is skipped, as git log --all
// skips it.
func refTips(r *repo, prefix string, failed func(readFailure)) ([]plumbing.Hash, map[plumbing.Hash]string, error) {
	iter, err := r.git.Storer.IterReferences()
	if err != nil {
		return nil, nil, fmt.Errorf("list references: %w", err)
	}
	names := map[plumbing.Hash]string{}
	var tips []plumbing.Hash
	add := func(name string, h plumbing.Hash) {
		c, ok, err := peelToCommit(r.db, h)
		if err != nil {
			kind := "object" // a tag may name anything
			if c == h && (name == "HEAD" || strings.HasPrefix(name, "refs/heads/") || strings.HasPrefix(name, "refs/remotes/")) {
				kind = "commit" // git keeps branches on commits
			}
			failed(readFailure{hash: c, kind: kind, where: name, err: err})
			return
		}
		if _, seen := names[c]; ok && !seen {
			names[c] = name
			tips = append(tips, c)
		}
	}
	err = iter.ForEach(func(ref *plumbing.Reference) error {
		if ref.Type() == plumbing.HashReference && strings.HasPrefix(ref.Name().String(), prefix) {
			add(ref.Name().String(), ref.Hash())
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("list references: %w", err)
	}
	if prefix == "" {
		head, err := r.git.Head()
		switch {
		case err == nil:
			add("HEAD", head.Hash())
		case !errors.Is(err, plumbing.ErrReferenceNotFound): // an unborn branch is fine
			return nil, nil, fmt.Errorf("read HEAD: %w", err)
		}
	}
	return tips, names, nil
}

// resolveCommit turns a revision (sha, branch, tag, HEAD~2, main^2 ...)
// into a commit. Full hashes and reference names, with ~N and ^N suffixes,
// are resolved here from the object database; anything else (short hashes,
// @{upstream}, :/text) goes through go-git's revision parser, which indexes
// every pack offset first.
func resolveCommit(r *repo, rev string) (plumbing.Hash, error) {
	base, ops := splitRevSuffix(rev)
	h, ok := resolveBase(r, base)
	if !ok {
		p, err := r.git.ResolveRevision(plumbing.Revision(rev))
		if err != nil {
			return plumbing.ZeroHash, fmt.Errorf("unknown revision %q: %v", rev, err)
		}
		h, ops = *p, nil
	}
	c, ok, err := peelToCommit(r.db, h)
	switch {
	case errors.Is(err, errMissing):
		return plumbing.ZeroHash, fmt.Errorf("unknown revision %q: object %s not found", rev, c)
	case err != nil:
		return plumbing.ZeroHash, fmt.Errorf("revision %q: object %s: %w", rev, c, err)
	case !ok:
		return plumbing.ZeroHash, fmt.Errorf("revision %q is not a commit", rev)
	}
	for _, op := range ops {
		steps, nth := op.n, 0
		if op.parent {
			steps, nth = min(op.n, 1), op.n-1 // ^N: the Nth parent; ^0: itself
		}
		for ; steps > 0; steps-- {
			cm, err := getCommit(r.db, c)
			if err != nil {
				return plumbing.ZeroHash, fmt.Errorf("revision %q: commit %s: %w", rev, c, err)
			}
			if r.shallow[c] {
				cm.parents = nil // as git sees a shallow clone's boundary
			}
			if nth >= len(cm.parents) {
				return plumbing.ZeroHash, fmt.Errorf("unknown revision %q: commit %s has no parent %d", rev, c, nth+1)
			}
			c = cm.parents[nth]
		}
	}
	return c, nil
}

type revOp struct {
	parent bool // ^N (else ~N)
	n      int
}

// splitRevSuffix splits "main~2^2" into "main" and its ancestry steps; a
// suffix it does not understand leaves the revision whole.
func splitRevSuffix(rev string) (string, []revOp) {
	i := strings.IndexAny(rev, "~^")
	if i <= 0 {
		return rev, nil
	}
	base, rest := rev[:i], rev[i:]
	var ops []revOp
	for rest != "" {
		op := revOp{parent: rest[0] == '^'}
		rest = rest[1:]
		j := 0
		for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
			j++
		}
		if j == 0 {
			op.n = 1
		} else {
			n, err := strconv.Atoi(rest[:j])
			if err != nil || n > 1<<20 {
				return rev, nil
			}
			op.n = n
		}
		rest = rest[j:]
		if rest != "" && rest[0] != '~' && rest[0] != '^' {
			return rev, nil
		}
		ops = append(ops, op)
	}
	return base, ops
}

// resolveBase resolves a full hash or a reference name as git does
// (HEAD, refs/..., tags, branches, remotes).
func resolveBase(r *repo, name string) (plumbing.Hash, bool) {
	if len(name) == 40 {
		if h, ok := parseHex([]byte(name)); ok {
			return h, true
		}
	}
	if name == "@" {
		name = "HEAD"
	}
	for _, n := range []string{name, "refs/" + name, "refs/tags/" + name, "refs/heads/" + name, "refs/remotes/" + name, "refs/remotes/" + name + "/HEAD"} {
		if ref, err := r.git.Reference(plumbing.ReferenceName(n), true); err == nil {
			return ref.Hash(), true
		}
	}
	return plumbing.ZeroHash, false
}
