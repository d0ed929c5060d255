package audit

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/transport"
	githttp "github.com/go-git/go-git/v5/plumbing/transport/http"
)

// errEmpty marks a repository without commits.
var errEmpty = errors.New("empty repository (no commits)")

// refSpecs fetch branches and tags to the same names, as a bare clone
// (git clone --bare) has them; pull request refs are left out.
var refSpecs = []config.RefSpec{"+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*"}

// fetchBare makes dir a bare clone of url, or brings an existing one (a
// --cache-dir entry) up to date: only the objects it lacks are fetched.
// The token goes as HTTP basic auth (x-access-token, as GitHub documents
// for App installation tokens and accepts for all tokens), never in the URL.
func fetchBare(ctx context.Context, dir, url, token string) (*git.Repository, error) {
	r, err := git.PlainOpen(dir)
	if errors.Is(err, git.ErrRepositoryNotExists) {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, err
		}
		r, err = git.PlainInit(dir, true)
	}
	if err != nil {
		return nil, fmt.Errorf("open clone: %w", err)
	}
	if err := setOrigin(r, url); err != nil {
		return nil, err
	}
	var auth transport.AuthMethod
	if token != "" {
		auth = &githttp.BasicAuth{Username: "x-access-token", Password: token}
	}
	err = r.FetchContext(ctx, &git.FetchOptions{
		RemoteName: "origin", RefSpecs: refSpecs, Auth: auth,
		Tags: git.NoTags, Force: true, Prune: true,
	})
	switch {
	case err == nil, errors.Is(err, git.NoErrAlreadyUpToDate):
		return r, nil
	case errors.Is(err, transport.ErrEmptyRemoteRepository):
		return nil, errEmpty
	case ctx.Err() != nil:
		return nil, ctx.Err()
	}
	return nil, fmt.Errorf("clone: %s", strings.TrimRight(scrubToken(err.Error(), token), ": "))
}

// setOrigin points the origin remote at url (a cached clone of a renamed
// or transferred repository follows it).
func setOrigin(r *git.Repository, url string) error {
	cfg, err := r.Config()
	if err != nil {
		return fmt.Errorf("read clone config: %w", err)
	}
	rc := &config.RemoteConfig{Name: "origin", URLs: []string{url}, Fetch: refSpecs}
	if cur, ok := cfg.Remotes["origin"]; ok && len(cur.URLs) == 1 && cur.URLs[0] == url {
		return nil
	}
	cfg.Remotes["origin"] = rc
	if err := r.SetConfig(cfg); err != nil {
		return fmt.Errorf("write clone config: %w", err)
	}
	return nil
}

// scrubToken removes the token from a message, should a library quote it.
func scrubToken(msg, token string) string {
	if token == "" {
		return msg
	}
	return strings.ReplaceAll(msg, token, "REDACTED")
}

// tips returns the commits that branches and tags point at (tags peeled),
// sorted and without repeats.
func tips(r *git.Repository) ([]string, error) {
	iter, err := r.References()
	if err != nil {
		return nil, fmt.Errorf("list references: %w", err)
	}
	seen := map[string]bool{}
	err = iter.ForEach(func(ref *plumbing.Reference) error {
		n := ref.Name()
		if ref.Type() != plumbing.HashReference || !(n.IsBranch() || n.IsTag()) {
			return nil
		}
		h := ref.Hash()
		for range 10 { // annotated tags may point at tags
			t, err := r.TagObject(h)
			if err != nil {
				break
			}
			h = t.Target
		}
		if _, err := r.CommitObject(h); err == nil {
			seen[h.String()] = true
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list references: %w", err)
	}
	return sortedKeys(seen), nil
}

// present keeps the commits of hashes that the clone has: tips of a
// previous run that a force push removed are gone from a fresh clone.
func present(r *git.Repository, hashes []string) []string {
	var out []string
	for _, h := range hashes {
		if !plumbing.IsHash(h) {
			continue
		}
		if _, err := r.CommitObject(plumbing.NewHash(h)); err == nil {
			out = append(out, h)
		}
	}
	return out
}

// headCommit resolves the default branch (else HEAD, else the first
// branch) to a commit.
func headCommit(r *git.Repository, branch string) (*object.Commit, error) {
	var names []plumbing.ReferenceName
	if branch != "" {
		names = append(names, plumbing.NewBranchReferenceName(branch))
	}
	names = append(names, plumbing.HEAD)
	for _, n := range names {
		if ref, err := r.Reference(n, true); err == nil {
			if c, err := r.CommitObject(ref.Hash()); err == nil {
				return c, nil
			}
		}
	}
	iter, err := r.Branches()
	if err != nil {
		return nil, err
	}
	var branches []*plumbing.Reference
	iter.ForEach(func(ref *plumbing.Reference) error { branches = append(branches, ref); return nil })
	sort.Slice(branches, func(i, j int) bool { return branches[i].Name() < branches[j].Name() })
	for _, ref := range branches {
		if c, err := r.CommitObject(ref.Hash()); err == nil {
			return c, nil
		}
	}
	return nil, errEmpty
}

// cachePath is where --cache-dir keeps a repository's clone.
func cachePath(cacheDir, fullName string) (string, error) {
	owner, name, ok := strings.Cut(fullName, "/")
	if !ok || !safeName(owner) || !safeName(name) {
		return "", fmt.Errorf("repository name %q cannot be a cache path", fullName)
	}
	return filepath.Join(cacheDir, owner, name+".git"), nil
}

func safeName(s string) bool {
	if s == "" || s == "." || s == ".." {
		return false
	}
	for _, c := range s {
		if !(c == '-' || c == '_' || c == '.' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}
