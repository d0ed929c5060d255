package hook

import (
	"fmt"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"

	"github.com/secretsweep/secretsweep/internal/gitrepo"
	"github.com/secretsweep/secretsweep/internal/gitrepo/gitopen"
	"github.com/secretsweep/secretsweep/internal/odb"
)

// Target is one set of commits to scan: those reachable from an Include
// commit and from no Exclude commit (nor, with ExcludeRemotes, from any
// remote-tracking ref).
type Target struct {
	Include, Exclude []string
	ExcludeRemotes   bool
}

// Resolver peels object names to commits in the local repository.
type Resolver interface {
	// PeelCommit resolves rev (an object name or a revision such as
	// refs/heads/main) to a commit hash, following annotated tags. ok is
	// false when rev is not in the local repository or is not a commit.
	PeelCommit(rev string) (hash string, ok bool, err error)
}

// Plan turns pre-push updates into at most two scan targets:
//   - updates of existing remote refs whose old value is known locally:
//     the commits between the remote's old value and the pushed one (this
//     covers force pushes: everything not reachable from the old value);
//   - new remote refs, and updates whose old remote value is not in the
//     local repository (someone else pushed it): the commits reachable from
//     no remote-tracking ref.
//
// Deletions are ignored. Every known remote value is excluded from both
// targets: the remote already has those commits.
func Plan(updates []Update, res Resolver) ([]Target, error) {
	var known, existing, fresh []string
	type local struct {
		hash string
		new  bool
	}
	var locals []local
	for _, u := range updates {
		if u.IsDelete() {
			continue
		}
		lh, ok, err := res.PeelCommit(u.LocalSHA)
		if err != nil {
			return nil, err
		}
		if !ok { // a tag of a tree or blob: no commits to scan
			continue
		}
		isNew := u.IsNew()
		if !isNew {
			rh, ok, err := res.PeelCommit(u.RemoteSHA)
			if err != nil {
				return nil, err
			}
			if ok {
				known = appendUnique(known, rh)
			} else {
				isNew = true
			}
		}
		locals = append(locals, local{lh, isNew})
	}
	for _, l := range locals {
		if l.new {
			fresh = appendUnique(fresh, l.hash)
		} else {
			existing = appendUnique(existing, l.hash)
		}
	}
	var targets []Target
	if len(existing) > 0 {
		targets = append(targets, Target{Include: existing, Exclude: known})
	}
	if len(fresh) > 0 {
		targets = append(targets, Target{Include: fresh, Exclude: known, ExcludeRemotes: true})
	}
	return targets, nil
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// gitResolver resolves names with go-git and peels them with odb, which
// reads an object without indexing the whole pack first.
type gitResolver struct {
	r  *git.Repository
	db *odb.DB
}

// OpenResolver opens the repository at dir for peeling object names; the
// result also implements io.Closer.
func OpenResolver(dir string) (Resolver, error) {
	loc, err := gitrepo.Find(dir)
	if err != nil {
		return nil, err
	}
	return openResolver(loc)
}

func openResolver(loc *gitrepo.Repo) (Resolver, error) {
	r, err := gitopen.Repo(loc)
	if err != nil {
		return nil, err
	}
	db, err := odb.Open(loc.ObjectsDir(), odb.Options{CacheBytes: 1 << 20})
	if err != nil {
		return nil, fmt.Errorf("open repository %s: %w", loc.GitDir, err)
	}
	return gitResolver{r, db}, nil
}

// Close releases the object database.
func (g gitResolver) Close() error { return g.db.Close() }

func (g gitResolver) PeelCommit(rev string) (string, bool, error) {
	var h plumbing.Hash
	if IsObjectName(rev) {
		h = plumbing.NewHash(rev)
	} else {
		p, err := g.r.ResolveRevision(plumbing.Revision(rev))
		if err != nil {
			return "", false, nil
		}
		h = *p
	}
	c, ok, err := g.db.PeelCommit(h)
	if err != nil {
		return "", false, fmt.Errorf("read object %s: %w", h, err)
	}
	if !ok {
		return "", false, nil
	}
	return c.String(), true, nil
}
