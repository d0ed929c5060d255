package action

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/secretsweep/secretsweep/internal/gitrepo"
	"github.com/secretsweep/secretsweep/internal/gitrepo/gitopen"
	"github.com/secretsweep/secretsweep/scanner"
	"github.com/secretsweep/secretsweep/scanner/hook"
)

// open opens the workspace's repository; r.repo stays nil when the
// workspace is not a git repository.
func (r *run) open() error {
	repo, _, err := gitopen.Open(r.o.Workspace)
	if errors.Is(err, gitrepo.ErrNotRepository) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("open the checkout %s: %w", r.o.Workspace, err)
	}
	r.repo = repo
	if r.o.NewFetcher != nil {
		r.f = r.o.NewFetcher(repo)
	} else {
		url := strings.TrimSuffix(r.o.ServerURL, "/") + "/" + r.o.Repository + ".git"
		r.f = NewGitFetcher(repo, url, r.o.Token, nil)
	}
	return nil
}

// plan decides what to scan, fetching what the checkout lacks.
func (r *run) plan(ctx context.Context) (*plan, error) {
	if err := r.open(); err != nil {
		return nil, err
	}
	scan := r.o.Scan
	scheduled := r.ev.Name == EventSchedule || r.ev.Name == EventWorkflowDispatch
	if scan == ScanAuto && scheduled {
		scan = ScanHistory
		if r.repo == nil {
			scan = ScanTree
		}
	}
	if scan == ScanTree && r.repo == nil {
		return &plan{mode: scanner.ModeDir, what: "the files of the workspace (not a git repository)"}, nil
	}
	if r.repo == nil {
		return nil, fmt.Errorf("the workspace %s is not a git repository: check the repository out first (actions/checkout)", r.o.Workspace)
	}
	var p *plan
	var err error
	if scheduled {
		head, err := headCommit(r.repo)
		if err != nil {
			return nil, err
		}
		p = &plan{trustedRev: head, head: head}
	} else if p, err = r.rangePlan(ctx); err != nil {
		return nil, err
	}
	switch scan {
	case ScanTree:
		return &plan{mode: scanner.ModeDir, trustedRev: p.trustedRev, what: "the files of the workspace"}, nil
	case ScanHistory:
		if err := ensureHistory(ctx, r.repo, r.f, r.log); err != nil {
			return nil, err
		}
		head := p.head
		if scheduled || head == "" {
			if head, err = headCommit(r.repo); err != nil {
				return nil, err
			}
		}
		return &plan{mode: scanner.ModeHistory, trustedRev: p.trustedRev, head: head, what: "the full history (every branch and tag)"}, nil
	}
	return p, nil
}

// rangePlan plans the scan of the commits an event brings.
func (r *run) rangePlan(ctx context.Context) (*plan, error) {
	switch {
	case r.ev.PullRequest != nil:
		pr := r.ev.PullRequest
		return r.between(ctx, pr.BaseSHA, pr.HeadSHA,
			fmt.Sprintf("the commits of pull request #%d (%s..%s)", pr.Number, short(pr.BaseSHA), short(pr.HeadSHA)),
			"the pull request's base and head are the same commit "+short(pr.HeadSHA))
	case r.ev.MergeGroup != nil:
		mg := r.ev.MergeGroup
		return r.between(ctx, mg.BaseSHA, mg.HeadSHA,
			fmt.Sprintf("the commits queued in the merge group (%s..%s)", short(mg.BaseSHA), short(mg.HeadSHA)),
			"the merge group's base and head are the same commit "+short(mg.HeadSHA))
	case r.ev.Push != nil:
		return r.pushPlan(ctx)
	}
	return nil, fmt.Errorf("event %s has no commit range", r.ev.Name)
}

// between plans the commits reachable from head and not from base.
func (r *run) between(ctx context.Context, base, head, what, same string) (*plan, error) {
	if base == head {
		return &plan{nothing: same, trustedRev: base, head: head}, r.ensurePresent(ctx, base)
	}
	if err := ensureRange(ctx, r.repo, r.f, []string{head}, []string{base}, r.log); err != nil {
		return nil, err
	}
	return &plan{mode: scanner.ModeRange, include: []string{head}, exclude: []string{base},
		trustedRev: base, head: head, what: what}, nil
}

// pushPlan plans a push: the pushed commits (before..after); for a new
// branch or tag, the commits on no other branch; after a force push, the
// commits not reachable from before. The planning is the pre-push hook's
// (hook.Plan), with the remote's branches standing for remote-tracking refs.
func (r *run) pushPlan(ctx context.Context) (*plan, error) {
	ps := r.ev.Push
	name := strings.TrimPrefix(strings.TrimPrefix(ps.Ref, "refs/heads/"), "refs/tags/")
	if ps.Deleted || hook.IsZeroName(ps.After) {
		return &plan{nothing: "the push deleted " + name}, nil
	}
	if ps.Before == ps.After {
		return &plan{nothing: "the push did not change " + name + ": before and after are the same commit " + short(ps.After), trustedRev: ps.After, head: ps.After},
			r.ensurePresent(ctx, ps.After)
	}
	tips := []string{ps.After}
	if !hook.IsZeroName(ps.Before) {
		tips = append(tips, ps.Before)
	}
	// A previous tip the server no longer has (force-pushed away and
	// collected) is not an error: the push is then planned as a new ref.
	_ = r.fetchTips(ctx, tips)
	if !r.present(ps.After) {
		return nil, fmt.Errorf("the pushed commit %s is not in the checkout and could not be fetched from %s", short(ps.After), r.f.URL())
	}
	res, err := hook.OpenResolver(r.o.Workspace)
	if err != nil {
		return nil, err
	}
	targets, err := hook.Plan([]hook.Update{{LocalRef: ps.Ref, LocalSHA: ps.After, RemoteRef: ps.Ref, RemoteSHA: ps.Before}}, res)
	if c, ok := res.(io.Closer); ok {
		c.Close()
	}
	if err != nil {
		return nil, err
	}
	if len(targets) == 0 {
		return &plan{nothing: ps.Ref + " does not point at a commit"}, nil
	}
	t := targets[0]
	p := &plan{mode: scanner.ModeRange, include: t.Include, head: t.Include[0]}
	if !t.ExcludeRemotes {
		p.exclude, p.trustedRev = t.Exclude, t.Exclude[0]
		p.what = fmt.Sprintf("the commits pushed to %s (%s..%s)", name, short(ps.Before), short(ps.After))
		if ps.Forced {
			p.what = fmt.Sprintf("the commits of %s not reachable from its previous tip %s (force push to %s)", name, short(ps.Before), short(ps.After))
		}
	} else {
		branches, err := r.f.Branches(ctx)
		if err != nil {
			return nil, fmt.Errorf("list the branches of %s: %v", r.f.URL(), oneLine(err))
		}
		var refs []string
		for ref, sha := range branches {
			if ref != ps.Ref {
				p.exclude = append(p.exclude, sha)
				refs = append(refs, ref)
			}
		}
		sort.Strings(p.exclude)
		p.trustedRev = branches["refs/heads/"+r.ev.DefaultBranch]
		if p.trustedRev == "" || "refs/heads/"+r.ev.DefaultBranch == ps.Ref {
			// The first branch of a repository: nothing older to trust.
			p.trustedRev = p.head
		}
		kind := "new " + refKind(ps.Ref)
		if !hook.IsZeroName(ps.Before) {
			kind = "previous tip " + short(ps.Before) + " unknown to the server"
		}
		p.what = fmt.Sprintf("the commits of %s (%s, %s) on none of the other %d branches", name, kind, short(ps.After), len(refs))
	}
	if err := ensureRange(ctx, r.repo, r.f, p.include, p.exclude, r.log); err != nil {
		return nil, err
	}
	return p, nil
}

func refKind(ref string) string {
	switch {
	case strings.HasPrefix(ref, "refs/heads/"):
		return "branch"
	case strings.HasPrefix(ref, "refs/tags/"):
		return "tag"
	}
	return "ref"
}

// present reports whether object id is in the checkout.
func (r *run) present(id string) bool { return hasObject(r.repo.Storer, plumbing.NewHash(id)) }

// fetchTips fetches the objects among ids that the checkout lacks (only
// them: a shallow checkout gets them at depth 1).
func (r *run) fetchTips(ctx context.Context, ids []string) error {
	var missing []string
	for _, id := range ids {
		if !r.present(id) {
			missing = append(missing, id)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	depth := 0
	if isShallow(r.repo) {
		depth = 1
	}
	r.log(fmt.Sprintf("fetching %s from %s", shortList(missing), r.f.URL()))
	return r.f.Fetch(ctx, fetchSpecs(missing), depth)
}

// ensurePresent makes commit id present (its configuration is read).
func (r *run) ensurePresent(ctx context.Context, id string) error {
	err := r.fetchTips(ctx, []string{id})
	if !r.present(id) {
		msg := fmt.Sprintf("commit %s is not in the checkout and could not be fetched from %s", short(id), r.f.URL())
		if err != nil {
			msg += ": " + oneLine(err)
		}
		return errors.New(msg)
	}
	return nil
}
