package ghlogs

import (
	"context"
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/google/go-github/v60/github"
)

type runLister func(ctx context.Context, opt *github.ListWorkflowRunsOptions) (*github.WorkflowRuns, *github.Response, error)

// listRuns returns the opts.Runs most recent completed runs (newest first,
// as GitHub lists them), of one workflow when opts.Workflow is set.
func (s *session) listRuns(ctx context.Context) ([]*github.WorkflowRun, error) {
	list, err := s.runLister(ctx)
	if err != nil {
		return nil, err
	}
	opt := &github.ListWorkflowRunsOptions{
		// Only finished runs have complete log archives.
		Status:      "completed",
		ListOptions: github.ListOptions{PerPage: min(s.opts.Runs, 100)},
	}
	what := fmt.Sprintf("list workflow runs of %s/%s", s.owner, s.repo)
	var out []*github.WorkflowRun
	for len(out) < s.opts.Runs {
		var page *github.WorkflowRuns
		var resp *github.Response
		err := s.call(ctx, what, func() (*github.Response, error) {
			var err error
			page, resp, err = list(ctx, opt)
			return resp, err
		})
		if err != nil {
			return nil, err
		}
		for _, r := range page.WorkflowRuns {
			if len(out) < s.opts.Runs && r != nil {
				out = append(out, r)
			}
		}
		if resp == nil || resp.NextPage == 0 || len(page.WorkflowRuns) == 0 {
			break
		}
		opt.Page = resp.NextPage
	}
	return out, nil
}

// runLister picks the list endpoint for opts.Workflow.
func (s *session) runLister(ctx context.Context) (runLister, error) {
	a := s.gh.Actions
	w := strings.TrimSpace(s.opts.Workflow)
	switch {
	case w == "":
		return func(ctx context.Context, o *github.ListWorkflowRunsOptions) (*github.WorkflowRuns, *github.Response, error) {
			return a.ListRepositoryWorkflowRuns(ctx, s.owner, s.repo, o)
		}, nil
	case isDigits(w):
		id, err := strconv.ParseInt(w, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("--workflow %q: %w", w, err)
		}
		return s.byID(id), nil
	case strings.HasSuffix(w, ".yml") || strings.HasSuffix(w, ".yaml"):
		file := path.Base(w)
		return func(ctx context.Context, o *github.ListWorkflowRunsOptions) (*github.WorkflowRuns, *github.Response, error) {
			return a.ListWorkflowRunsByFileName(ctx, s.owner, s.repo, file, o)
		}, nil
	}
	id, err := s.workflowByName(ctx, w)
	if err != nil {
		return nil, err
	}
	return s.byID(id), nil
}

func (s *session) byID(id int64) runLister {
	return func(ctx context.Context, o *github.ListWorkflowRunsOptions) (*github.WorkflowRuns, *github.Response, error) {
		return s.gh.Actions.ListWorkflowRunsByID(ctx, s.owner, s.repo, id, o)
	}
}

// workflowByName finds a workflow by its display name (case-insensitive).
func (s *session) workflowByName(ctx context.Context, name string) (int64, error) {
	what := fmt.Sprintf("list workflows of %s/%s", s.owner, s.repo)
	opt := &github.ListOptions{PerPage: 100}
	var names []string
	for {
		var page *github.Workflows
		var resp *github.Response
		err := s.call(ctx, what, func() (*github.Response, error) {
			var err error
			page, resp, err = s.gh.Actions.ListWorkflows(ctx, s.owner, s.repo, opt)
			return resp, err
		})
		if err != nil {
			return 0, err
		}
		for _, wf := range page.Workflows {
			if strings.EqualFold(wf.GetName(), name) {
				return wf.GetID(), nil
			}
			names = append(names, fmt.Sprintf("%q (%s)", wf.GetName(), path.Base(wf.GetPath())))
		}
		if resp == nil || resp.NextPage == 0 {
			break
		}
		opt.Page = resp.NextPage
	}
	sort.Strings(names)
	known := strings.Join(names, ", ")
	if known == "" {
		known = "none"
	}
	return 0, fmt.Errorf("--workflow %q: no such workflow in %s/%s (workflows: %s)", name, s.owner, s.repo, known)
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}
