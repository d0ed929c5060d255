package scanner

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// gitScan is the shared state of a history or range scan. Each piece of
// content (a path's change from one blob to another) is scanned once even
// when several commits carry it (branches, cherry-picks); its findings are
// attributed to the earliest of those commits.
type gitScan struct {
	s      *session
	mu     sync.Mutex
	claims map[string]*claim
	stats  Stats
	miss   []string
}

type claim struct {
	best     *object.Commit
	findings []Finding
}

// earlier orders commits by author date, then committer date, then hash.
func earlier(a, b *object.Commit) bool {
	if !a.Author.When.Equal(b.Author.When) {
		return a.Author.When.Before(b.Author.When)
	}
	if !a.Committer.When.Equal(b.Committer.When) {
		return a.Committer.When.Before(b.Committer.When)
	}
	return a.Hash.String() < b.Hash.String()
}

func (g *gitScan) missing(h plumbing.Hash) {
	g.mu.Lock()
	g.stats.MissingObjects++
	if len(g.miss) < 5 {
		g.miss = append(g.miss, h.String())
	}
	g.mu.Unlock()
}

// claimChange registers c as carrying ch and reports whether the caller is
// the first, and so must scan it.
func (g *gitScan) claimChange(ch change, c *object.Commit) (*claim, bool) {
	key := ch.path + "\x00" + string(ch.old[:]) + string(ch.new[:])
	g.mu.Lock()
	defer g.mu.Unlock()
	if cl, ok := g.claims[key]; ok {
		if earlier(c, cl.best) {
			cl.best = c
		}
		return cl, false
	}
	cl := &claim{best: c}
	g.claims[key] = cl
	return cl, true
}

func (s *session) scanGit(ctx context.Context) (*Result, error) {
	r, err := openRepo(s.root)
	if err != nil {
		return nil, err
	}
	g := &gitScan{s: s, claims: map[string]*claim{}}
	if s.opts.Mode == ModeStaged {
		return g.staged(ctx, r)
	}
	walk, err := g.walker(r)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	commits := make(chan *object.Commit, 256)
	var wg sync.WaitGroup
	errs := make(chan error, s.opts.Workers+1)
	for i := 0; i < s.opts.Workers; i++ {
		wr, err := openRepo(s.root)
		if err != nil {
			return nil, err
		}
		w := &gitWorker{g: g, r: wr, diff: &differ{r: wr, missing: g.missing}}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range commits {
				if err := w.commit(ctx, c); err != nil {
					errs <- err
					cancel()
					for range commits {
					}
					return
				}
			}
		}()
	}
	werr := walk(ctx, commits)
	close(commits)
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return nil, err
	}
	if werr != nil {
		return nil, werr
	}
	return g.result(), nil
}

// walker returns the commit walk for the mode.
func (g *gitScan) walker(r *git.Repository) (func(context.Context, chan<- *object.Commit) error, error) {
	if g.s.opts.Mode == ModeHistory {
		tips, err := refTips(r, "")
		if err != nil {
			return nil, err
		}
		return func(ctx context.Context, out chan<- *object.Commit) error {
			return walkAll(ctx, r, tips, out, g.missing)
		}, nil
	}
	inc, exc, err := g.rangeEnds(r)
	if err != nil {
		return nil, err
	}
	return func(ctx context.Context, out chan<- *object.Commit) error {
		return walkRange(ctx, r, inc, exc, out, g.missing)
	}, nil
}

// rangeEnds resolves Range ("A..B" or "B") or Include/Exclude.
func (g *gitScan) rangeEnds(r *git.Repository) (inc, exc []plumbing.Hash, err error) {
	o := g.s.opts
	incRevs, excRevs := o.Include, o.Exclude
	if o.Range != "" {
		if strings.Contains(o.Range, "...") {
			return nil, nil, fmt.Errorf("range %q: symmetric ranges (A...B) are not supported; use A..B", o.Range)
		}
		base, head, ok := strings.Cut(o.Range, "..")
		if !ok {
			head, base = o.Range, ""
		}
		if head == "" {
			head = "HEAD"
		}
		incRevs = append(incRevs, head)
		if base != "" {
			excRevs = append(excRevs, base)
		}
	}
	if len(incRevs) == 0 {
		return nil, nil, errors.New("range: nothing to scan (want --range BASE..HEAD)")
	}
	for _, rev := range incRevs {
		h, err := resolveCommit(r, rev)
		if err != nil {
			return nil, nil, err
		}
		inc = append(inc, h)
	}
	for _, rev := range excRevs {
		h, err := resolveCommit(r, rev)
		if err != nil {
			return nil, nil, err
		}
		exc = append(exc, h)
	}
	if o.ExcludeRemotes {
		tips, err := refTips(r, "refs/remotes/")
		if err != nil {
			return nil, nil, err
		}
		exc = append(exc, tips...)
	}
	return inc, exc, nil
}

// result attributes each claim's findings to its earliest commit.
func (g *gitScan) result() *Result {
	res := &Result{Stats: g.stats}
	for _, cl := range g.claims {
		info := commitInfo(cl.best)
		for _, f := range cl.findings {
			f.SetCommit(info)
			res.Findings = append(res.Findings, f)
		}
	}
	if g.stats.MissingObjects > 0 {
		res.Stats.Warnings = append(res.Stats.Warnings, fmt.Sprintf(
			"%d git objects are missing (shallow or partial clone?) and were skipped, e.g. %s",
			g.stats.MissingObjects, strings.Join(g.miss, ", ")))
	}
	return res
}
