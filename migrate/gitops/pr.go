package gitops

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	git "github.com/go-git/go-git/v5"
	gitconfig "github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
	"github.com/go-git/go-git/v5/plumbing/object"
	githttp "github.com/go-git/go-git/v5/plumbing/transport/http"
	"github.com/google/go-github/v60/github"

	"github.com/secretsweep/secretsweep/internal/ghrepo"
	"github.com/secretsweep/secretsweep/internal/gitrepo/gitopen"
)

// PROptions configure the pull request of migrate --pr, besides its
// branch and base, which migrate chooses.
type PROptions struct {
	// Remote to push to (default "origin").
	Remote string
	// Repo is "owner/name" on GitHub (default: parsed from the remote URL).
	Repo string
	// GitHub is the API client.
	GitHub *github.Client
	// Token authenticates pushes over HTTPS ("" for none).
	Token string
	Draft bool
	// Now dates the commit (default time.Now).
	Now func() time.Time
}

// PR is one --pr run (migrate.PullRequest). Start checks everything it
// can before any secret is stored; SwitchBranch then points HEAD at a new
// branch on the same commit (the work tree is untouched) before files
// change; Finish commits, pushes and opens the pull request.
type PR struct {
	o           PROptions
	repo        *git.Repository
	branch      string
	base        string
	owner, name string // GitHub repository
	head        *plumbing.Reference
	// resumed: an interrupted run had already switched to the branch.
	resumed bool
}

// Start checks that a pull request from branch to base ("": the current
// branch) can be made from the repository at root: a GitHub client and
// repository, a commit to branch from, no branch of that name yet, nothing
// staged. HEAD already on branch is an interrupted run's: it continues
// there, and base must be given.
func (o PROptions) Start(root, branch, base string) (*PR, error) {
	if o.GitHub == nil {
		return nil, fmt.Errorf("--pr needs a GitHub client")
	}
	if branch == "" {
		return nil, fmt.Errorf("--pr needs a branch name")
	}
	if o.Remote == "" {
		o.Remote = "origin"
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	repo, _, err := gitopen.Open(root)
	if err != nil {
		return nil, fmt.Errorf("--pr: %w", err)
	}
	s := &PR{o: o, repo: repo, branch: branch, base: base}
	if s.owner, s.name, err = s.githubRepo(); err != nil {
		return nil, err
	}
	ref := plumbing.NewBranchReferenceName(s.branch)
	if s.head, err = repo.Head(); err != nil {
		return nil, fmt.Errorf("--pr: the repository has no commit to branch from: %w", err)
	}
	if s.head.Name() == ref {
		// A previous run was interrupted after switching: continue there
		// (its base branch is in the journal).
		if s.base == "" {
			return nil, fmt.Errorf("--pr: already on %s; pass --base to name the pull request's base branch", s.branch)
		}
		s.resumed = true
		return s, nil
	}
	if s.base == "" {
		if !s.head.Name().IsBranch() {
			return nil, fmt.Errorf("--pr: HEAD is detached; pass --base")
		}
		s.base = s.head.Name().Short()
	}
	if _, err := repo.Reference(ref, false); err == nil {
		return nil, fmt.Errorf("--pr: branch %s already exists; pass --branch NAME", s.branch)
	}
	wt, err := repo.Worktree()
	if err != nil {
		return nil, fmt.Errorf("--pr: %w", err)
	}
	st, err := wt.Status()
	if err != nil {
		return nil, fmt.Errorf("--pr: %w", err)
	}
	for file, fs := range st {
		if fs.Staging != git.Unmodified && fs.Staging != git.Untracked {
			return nil, fmt.Errorf("--pr: %s is staged; commit or unstage your changes first", file)
		}
	}
	return s, nil
}

// Branch is the branch the change is committed to.
func (s *PR) Branch() string { return s.branch }

// Base is the pull request's base branch.
func (s *PR) Base() string { return s.base }

// Resumed reports whether an interrupted run had already switched to the
// branch.
func (s *PR) Resumed() bool { return s.resumed }

// SwitchBranch creates the branch at HEAD's commit and checks it out; it
// reports whether it created the branch (not when resuming).
func (s *PR) SwitchBranch() (created bool, err error) {
	if s.resumed {
		return false, nil
	}
	ref := plumbing.NewBranchReferenceName(s.branch)
	if err := s.repo.Storer.SetReference(plumbing.NewHashReference(ref, s.head.Hash())); err != nil {
		return false, fmt.Errorf("--pr: create branch: %w", err)
	}
	if err := s.repo.Storer.SetReference(plumbing.NewSymbolicReference(plumbing.HEAD, ref)); err != nil {
		return false, fmt.Errorf("--pr: switch to branch: %w", err)
	}
	return true, nil
}

// Finish commits files, pushes the branch and opens the pull request with
// body (or finds the one a previous run opened). It returns the pull
// request's URL and the files left out of the commit (untracked and
// ignored, like a local .env).
func (s *PR) Finish(ctx context.Context, files []string, body string) (url string, notCommitted []string, err error) {
	wt, err := s.repo.Worktree()
	if err != nil {
		return "", nil, err
	}
	keep, skipped := s.committable(wt, files)
	for _, f := range keep {
		if _, err := wt.Add(f); err != nil {
			return "", nil, fmt.Errorf("git add %s: %w", f, err)
		}
	}
	url, err = s.pushAndOpen(ctx, wt, body)
	return url, skipped, err
}

func (s *PR) pushAndOpen(ctx context.Context, wt *git.Worktree, body string) (string, error) {
	o := s.o
	sig := s.signature()
	if _, err := wt.Commit("Move hardcoded secrets to AWS Secrets Manager\n\nGenerated by secretsweep migrate --pr.",
		&git.CommitOptions{Author: sig, Committer: sig}); err != nil && !errors.Is(err, git.ErrEmptyCommit) {
		return "", fmt.Errorf("git commit: %w", err)
	}
	remote := o.Remote
	spec := gitconfig.RefSpec(fmt.Sprintf("refs/heads/%s:refs/heads/%s", s.branch, s.branch))
	push := &git.PushOptions{RemoteName: remote, RefSpecs: []gitconfig.RefSpec{spec}}
	if o.Token != "" {
		push.Auth = &githttp.BasicAuth{Username: "x-access-token", Password: o.Token}
	}
	if err := s.repo.PushContext(ctx, push); err != nil && !errors.Is(err, git.NoErrAlreadyUpToDate) {
		return "", fmt.Errorf("git push to %s: %w", remote, err)
	}
	owner, name := s.owner, s.name
	pr, resp, err := o.GitHub.PullRequests.Create(ctx, owner, name, &github.NewPullRequest{
		Title: github.String("Move hardcoded secrets to AWS Secrets Manager"),
		Head:  github.String(s.branch),
		Base:  github.String(s.base),
		Body:  github.String(body),
		Draft: github.Bool(o.Draft),
	})
	if err != nil && resp != nil && resp.StatusCode == http.StatusUnprocessableEntity {
		// Opened by an earlier, interrupted run?
		prs, _, lerr := o.GitHub.PullRequests.List(ctx, owner, name, &github.PullRequestListOptions{Head: owner + ":" + s.branch, State: "open"})
		if lerr == nil && len(prs) > 0 {
			return prs[0].GetHTMLURL(), nil
		}
	}
	if err != nil {
		return "", fmt.Errorf("open pull request on %s/%s: %w", owner, name, err)
	}
	return pr.GetHTMLURL(), nil
}

func (s *PR) signature() *object.Signature {
	sig := &object.Signature{Name: "secretsweep", Email: "secretsweep@users.noreply.github.com", When: s.o.Now()}
	if cfg, err := s.repo.ConfigScoped(gitconfig.GlobalScope); err == nil {
		if cfg.User.Name != "" && cfg.User.Email != "" {
			sig.Name, sig.Email = cfg.User.Name, cfg.User.Email
		}
	}
	return sig
}

// githubRepo is the GitHub repository of --github-repo, else of the
// remote's URL.
func (s *PR) githubRepo() (string, string, error) {
	url := ""
	if r, err := s.repo.Remote(s.o.Remote); err == nil && len(r.Config().URLs) > 0 {
		url = r.Config().URLs[0]
	}
	return ghrepo.Resolve(s.o.Repo, s.o.Remote, url)
}

// committable splits files into those to commit and those to leave out:
// files git ignores and does not track (a local .env) stay out of the
// commit, so local settings are never pushed.
func (s *PR) committable(wt *git.Worktree, files []string) (keep, skipped []string) {
	var tree *object.Tree
	if head, err := s.repo.Head(); err == nil {
		if c, err := s.repo.CommitObject(head.Hash()); err == nil {
			tree, _ = c.Tree()
		}
	}
	patterns, _ := gitignore.ReadPatterns(wt.Filesystem, nil)
	m := gitignore.NewMatcher(append(patterns, wt.Excludes...))
	for _, f := range files {
		tracked := false
		if tree != nil {
			_, err := tree.File(f)
			tracked = err == nil
		}
		if !tracked && m.Match(strings.Split(f, "/"), false) {
			skipped = append(skipped, f)
			continue
		}
		keep = append(keep, f)
	}
	return keep, skipped
}
