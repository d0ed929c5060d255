package action

import (
	"container/heap"
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
	"github.com/go-git/go-git/v5/plumbing/transport"
	githttp "github.com/go-git/go-git/v5/plumbing/transport/http"
	"github.com/go-git/go-git/v5/storage"
)

// Fetcher gets missing commits from the repository on GitHub.
type Fetcher interface {
	// Fetch fetches refspecs (sources may be full commit ids) into the
	// local repository, limited to depth commits from each fetched tip
	// (0: no limit, relative to what is already present).
	Fetch(ctx context.Context, refspecs []string, depth int) error
	// Branches lists the remote's branches: full ref name to commit id.
	Branches(ctx context.Context) (map[string]string, error)
	// URL is the remote's address, for messages (it holds no credentials).
	URL() string
}

// Unshallow is the depth that fetches a shallow repository's whole
// history (git's own value for --unshallow).
const Unshallow = 1<<31 - 1

// deepenSteps are the depths tried, in order, until the commits a range
// needs are all present.
var deepenSteps = []int{50, 250, 1000, 5000, Unshallow}

// fetchRefPrefix holds the refs a fetch of commit ids creates; they are
// removed when the run ends.
const fetchRefPrefix = "refs/secretsweep/fetch/"

// gitFetcher fetches with go-git over HTTPS with the job's token.
//
// go-git fetches shallow updates correctly but does not apply the
// "unshallow" lines of the server's answer: commits that are no longer
// shallow stay listed in .git/shallow, and git (in later steps of the job)
// would keep treating them as having no parents. repairShallow rewrites the
// list after each fetch from what is really present: a commit is shallow
// exactly when one of its parents is missing.
type gitFetcher struct {
	repo     *git.Repository
	url      string
	auth     transport.AuthMethod
	progress io.Writer
}

// NewGitFetcher returns a Fetcher for repo that fetches from url,
// authenticating with token as HTTP basic auth (x-access-token, as
// actions/checkout does); the token never goes into the URL.
func NewGitFetcher(repo *git.Repository, url, token string, progress io.Writer) Fetcher {
	f := &gitFetcher{repo: repo, url: url, progress: progress}
	if token != "" {
		f.auth = &githttp.BasicAuth{Username: "x-access-token", Password: token}
	}
	return f
}

func (f *gitFetcher) URL() string { return f.url }

// remote is an anonymous remote at url: the checkout's own remotes and
// their settings are not used.
func (f *gitFetcher) remote() *git.Remote {
	return git.NewRemote(f.repo.Storer, &config.RemoteConfig{Name: "secretsweep", URLs: []string{f.url}})
}

func (f *gitFetcher) Fetch(ctx context.Context, refspecs []string, depth int) error {
	specs := make([]config.RefSpec, 0, len(refspecs))
	for _, s := range refspecs {
		rs := config.RefSpec(s)
		if err := rs.Validate(); err != nil {
			return fmt.Errorf("refspec %q: %w", s, err)
		}
		specs = append(specs, rs)
	}
	err := f.remote().FetchContext(ctx, &git.FetchOptions{
		RefSpecs: specs,
		Depth:    depth,
		Auth:     f.auth,
		Tags:     git.NoTags,
		Force:    true,
	})
	if errors.Is(err, git.NoErrAlreadyUpToDate) {
		err = nil
	}
	if errors.Is(err, git.ErrExactSHA1NotSupported) {
		err = errors.New("the server does not allow fetching commits by id")
	}
	if rerr := repairShallow(f.repo.Storer); err == nil && rerr != nil {
		err = fmt.Errorf("update .git/shallow: %w", rerr)
	}
	return err
}

func (f *gitFetcher) Branches(ctx context.Context) (map[string]string, error) {
	refs, err := f.remote().ListContext(ctx, &git.ListOptions{Auth: f.auth})
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, r := range refs {
		if r.Type() == plumbing.HashReference && r.Name().IsBranch() {
			out[r.Name().String()] = r.Hash().String()
		}
	}
	return out, nil
}

// repairShallow keeps in the shallow list only the commits that really
// have a missing parent.
func repairShallow(s storage.Storer) error {
	list, err := s.Shallow()
	if err != nil || len(list) == 0 {
		return err
	}
	keep := make([]plumbing.Hash, 0, len(list))
	for _, h := range list {
		c, err := object.GetCommit(s, h)
		if err != nil {
			keep = append(keep, h)
			continue
		}
		for _, p := range c.ParentHashes {
			if !hasObject(s, p) {
				keep = append(keep, h)
				break
			}
		}
	}
	if len(keep) == len(list) {
		return nil
	}
	return s.SetShallow(keep)
}

func hasObject(s storer.EncodedObjectStorer, h plumbing.Hash) bool {
	return s.HasEncodedObject(h) == nil
}

// removeFetchRefs deletes the refs that fetches by commit id created.
func removeFetchRefs(r *git.Repository) {
	iter, err := r.References()
	if err != nil {
		return
	}
	var names []plumbing.ReferenceName
	_ = iter.ForEach(func(ref *plumbing.Reference) error {
		if strings.HasPrefix(ref.Name().String(), fetchRefPrefix) {
			names = append(names, ref.Name())
		}
		return nil
	})
	for _, n := range names {
		_ = r.Storer.RemoveReference(n)
	}
}

// fetchSpecs turns commit ids into refspecs for a fetch by id.
func fetchSpecs(shas []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range shas {
		if seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, "+"+s+":"+fetchRefPrefix+s)
	}
	sort.Strings(out)
	return out
}

// gap is what a range walk found missing.
type gap struct {
	tips    []string // include or exclude commits that are not present
	parents []string // parents met by the walk that are not present
}

func (g gap) empty() bool { return len(g.tips) == 0 && len(g.parents) == 0 }

func (g gap) String() string {
	var parts []string
	if len(g.tips) > 0 {
		parts = append(parts, "commits "+shortList(g.tips))
	}
	if len(g.parents) > 0 {
		parts = append(parts, "parents "+shortList(g.parents))
	}
	return strings.Join(parts, " and ")
}

func shortList(ids []string) string {
	var s []string
	for i, id := range ids {
		if i == 3 {
			s = append(s, fmt.Sprintf("and %d more", len(ids)-3))
			break
		}
		s = append(s, short(id))
	}
	return strings.Join(s, ", ")
}

// findGap walks the commits reachable from include and not from exclude the
// way the scanner's range walk does (newest committer date first, stopping
// once only excluded commits remain queued) and reports every commit the
// walk needs that is not present. An empty gap means a range scan reads
// every commit of the range and nothing outside it: no shallow boundary
// cuts the range, and the merge base is present.
func findGap(s storer.EncodedObjectStorer, include, exclude []string) (gap, error) {
	var g gap
	q := &dateQueue{}
	state := map[plumbing.Hash]uint8{} // 1 interesting, 2 excluded
	interesting := 0
	push := func(h plumbing.Hash, bad bool) (bool, error) {
		prev := state[h]
		if prev == 2 || (prev == 1 && !bad) {
			return true, nil
		}
		c, err := object.GetCommit(s, h)
		if errors.Is(err, plumbing.ErrObjectNotFound) {
			return false, nil
		}
		if err != nil {
			return false, fmt.Errorf("read commit %s: %w", h, err)
		}
		if bad {
			state[h] = 2
		} else {
			state[h] = 1
			interesting++
		}
		heap.Push(q, dated{c, bad})
		return true, nil
	}
	for i, list := range [][]string{exclude, include} {
		for _, id := range list {
			ok, err := push(plumbing.NewHash(id), i == 0)
			if err != nil {
				return g, err
			}
			if !ok {
				g.tips = append(g.tips, id)
			}
		}
	}
	for q.Len() > 0 && interesting > 0 {
		it := heap.Pop(q).(dated)
		bad := state[it.c.Hash] == 2
		if !it.bad {
			interesting--
		}
		if it.bad != bad {
			continue
		}
		for _, p := range it.c.ParentHashes {
			ok, err := push(p, bad)
			if err != nil {
				return g, err
			}
			if !ok {
				g.parents = append(g.parents, p.String())
			}
		}
	}
	return g, nil
}

type dated struct {
	c   *object.Commit
	bad bool
}

// dateQueue is a max-heap by committer date.
type dateQueue []dated

func (q dateQueue) Len() int           { return len(q) }
func (q dateQueue) Less(i, j int) bool { return q[i].c.Committer.When.After(q[j].c.Committer.When) }
func (q dateQueue) Swap(i, j int)      { q[i], q[j] = q[j], q[i] }
func (q *dateQueue) Push(x any)        { *q = append(*q, x.(dated)) }
func (q *dateQueue) Pop() any {
	old := *q
	it := old[len(old)-1]
	*q = old[:len(old)-1]
	return it
}

// isShallow reports whether the repository is a shallow clone.
func isShallow(r *git.Repository) bool {
	list, err := r.Storer.Shallow()
	return err == nil && len(list) > 0
}

// ensureRange makes every commit the range include..exclude needs present,
// fetching the missing tips and deepening a shallow clone step by step.
// It fails when they cannot all be fetched: a range scan over a checkout
// that lacks commits would report nothing for what it did not read.
func ensureRange(ctx context.Context, r *git.Repository, f Fetcher, include, exclude []string, log func(string)) error {
	g, err := findGap(r.Storer, include, exclude)
	if err != nil || g.empty() {
		return err
	}
	if f == nil {
		return fmt.Errorf("the checkout lacks %s and fetching is disabled", g)
	}
	tips := append(append([]string{}, include...), exclude...)
	steps := deepenSteps
	if !isShallow(r) {
		steps = []int{0} // a complete clone only lacks the tips
	}
	var lastErr error
	for _, depth := range steps {
		if depth == 0 || depth == Unshallow {
			log(fmt.Sprintf("fetching %s from %s", g, f.URL()))
		} else {
			log(fmt.Sprintf("fetching %s from %s (depth %d)", g, f.URL(), depth))
		}
		if err := f.Fetch(ctx, fetchSpecs(tips), depth); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			lastErr = err
			// The tips may be there and only deepening fail (or the
			// reverse): check what is present before giving up.
		}
		if g, err = findGap(r.Storer, include, exclude); err != nil || g.empty() {
			return err
		}
		if lastErr != nil && len(g.tips) > 0 {
			break
		}
	}
	if lastErr != nil {
		return fmt.Errorf("the checkout lacks %s and fetching them from %s failed: %v", g, f.URL(), oneLine(lastErr))
	}
	return fmt.Errorf("the checkout lacks %s, still missing after fetching the full history from %s", g, f.URL())
}

// ensureHistory makes a shallow clone complete and fetches every branch
// and tag, for a full history scan.
func ensureHistory(ctx context.Context, r *git.Repository, f Fetcher, log func(string)) error {
	if f == nil {
		if isShallow(r) {
			return errors.New("the checkout is shallow and fetching is disabled: a history scan would miss commits")
		}
		return nil
	}
	depth := 0
	if isShallow(r) {
		depth = Unshallow
	}
	log(fmt.Sprintf("fetching every branch and tag from %s", f.URL()))
	err := f.Fetch(ctx, []string{"+refs/heads/*:refs/remotes/origin/*", "+refs/tags/*:refs/tags/*"}, depth)
	if err != nil {
		return fmt.Errorf("fetch the full history from %s: %v", f.URL(), oneLine(err))
	}
	if isShallow(r) {
		return errors.New("the checkout is still shallow after fetching the full history: a history scan would miss commits")
	}
	return nil
}

func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}

func short(id string) string {
	if len(id) > 7 {
		return id[:7]
	}
	return id
}
