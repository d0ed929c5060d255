package migrate

import "context"

// DefaultBranch is the branch --pr commits to unless told otherwise.
const DefaultBranch = "secretsweep/migrate-secrets"

// PROptions configure --pr.
type PROptions struct {
	// Branch to create (default DefaultBranch); a re-run after a crash
	// continues on it.
	Branch string
	// Base is the pull request's base branch (default: the current branch,
	// or the one an interrupted run journaled).
	Base string
	// Start checks, before any secret is stored, that a pull request from
	// branch to base ("": the current branch) can be made from the
	// repository at root; required for ModePR. cmd wires it to package
	// migrate/gitops (go-git and GitHub) through StartWith.
	Start func(root, branch, base string) (PullRequest, error)
}

// PullRequest is one --pr run's git and GitHub side.
type PullRequest interface {
	// Branch is the branch the change is committed to.
	Branch() string
	// Base is the pull request's base branch.
	Base() string
	// Resumed reports whether an interrupted run had already switched to
	// the branch.
	Resumed() bool
	// SwitchBranch creates the branch at HEAD's commit and checks it out,
	// leaving the work tree as it is; created is false when resuming.
	SwitchBranch() (created bool, err error)
	// Finish commits files (slash paths relative to the root), pushes the
	// branch and opens the pull request with body, or finds the one an
	// interrupted run opened. It returns the pull request's URL and the
	// files it left out of the commit (ignored by git and not tracked).
	Finish(ctx context.Context, files []string, body string) (url string, notCommitted []string, err error)
}

// StartWith adapts start, which returns a concrete pull request type (as
// migrate/gitops does), to PROptions.Start.
func StartWith[P PullRequest](start func(root, branch, base string) (P, error)) func(root, branch, base string) (PullRequest, error) {
	return func(root, branch, base string) (PullRequest, error) {
		pr, err := start(root, branch, base)
		if err != nil {
			return nil, err
		}
		return pr, nil
	}
}
