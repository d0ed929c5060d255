package audit

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/google/go-github/v60/github"

	"github.com/secretsweep/secretsweep/internal/ghclient"
)

// Repo is one repository of the organisation, as the API lists it.
type Repo struct {
	FullName      string // owner/name
	Name          string
	HTMLURL       string // https://github.com/owner/name, links are built on it
	CloneURL      string // https://github.com/owner/name.git
	DefaultBranch string
	Fork          bool
	Archived      bool
	PushedAt      time.Time
}

// TokenSource gives the token that git sends to clone. A GitHub App's
// installation transport (ghinstallation) is one: it refreshes the token
// before it expires.
type TokenSource interface {
	Token(ctx context.Context) (string, error)
}

// RetryOptions are the audit's API retry parameters (the caller adds the
// clock and the progress callback): wait for the primary limit's reset when
// fewer than 10 requests are left, retry a refused request up to 5 times,
// and wait up to an hour at once (the primary limit's window).
func RetryOptions() ghclient.RetryOptions {
	return ghclient.RetryOptions{MaxRetries: 5, MaxWait: time.Hour, MinRemaining: 10}
}

// StaticToken is a personal access token or GITHUB_TOKEN.
type StaticToken string

// Token implements TokenSource.
func (s StaticToken) Token(context.Context) (string, error) { return string(s), nil }

// DefaultPerPage is the page size of repository listings (GitHub's maximum).
const DefaultPerPage = 100

// ListRepos lists every repository of org, following pagination, sorted by
// full name. Rate limits are handled below, by the client's transport
// (a ghclient.RetryTransport with RetryOptions).
func ListRepos(ctx context.Context, client *github.Client, org string, perPage int) ([]Repo, error) {
	if perPage <= 0 {
		perPage = DefaultPerPage
	}
	opt := &github.RepositoryListByOrgOptions{
		Type:        "all",
		Sort:        "full_name",
		ListOptions: github.ListOptions{PerPage: perPage},
	}
	var out []Repo
	for page := 1; ; page++ {
		repos, resp, err := client.Repositories.ListByOrg(ctx, org, opt)
		if err != nil {
			return nil, listError(org, page, resp, err)
		}
		for _, r := range repos {
			out = append(out, Repo{
				FullName:      r.GetFullName(),
				Name:          r.GetName(),
				HTMLURL:       strings.TrimSuffix(r.GetHTMLURL(), "/"),
				CloneURL:      r.GetCloneURL(),
				DefaultBranch: r.GetDefaultBranch(),
				Fork:          r.GetFork(),
				Archived:      r.GetArchived(),
				PushedAt:      r.GetPushedAt().Time,
			})
		}
		if resp == nil || resp.NextPage == 0 || len(repos) == 0 {
			break
		}
		opt.Page = resp.NextPage
	}
	sort.Slice(out, func(i, j int) bool { return out[i].FullName < out[j].FullName })
	return out, nil
}

// listError turns a listing failure into one line with a hint.
func listError(org string, page int, resp *github.Response, err error) error {
	code := 0
	if resp != nil && resp.Response != nil {
		code = resp.StatusCode
	}
	what := fmt.Sprintf("list repositories of %s (page %d)", org, page)
	var rl *github.RateLimitError
	var ab *github.AbuseRateLimitError
	switch {
	case errors.As(err, &rl):
		return fmt.Errorf("%s: GitHub API rate limit exceeded until %s; try again then", what, rl.Rate.Reset.UTC().Format(time.RFC3339))
	case errors.As(err, &ab):
		return fmt.Errorf("%s: GitHub's secondary rate limit persisted through every retry; try again later", what)
	case code == http.StatusUnauthorized:
		return fmt.Errorf("%s: GitHub rejected the credentials (401): the token or GitHub App key is invalid or expired", what)
	case code == http.StatusNotFound:
		return fmt.Errorf("%s: not found (404): no organisation %q, or the token cannot see it", what, org)
	case code == http.StatusForbidden:
		return fmt.Errorf("%s: access denied (403): the token needs read access to the organisation's repositories", what)
	}
	return fmt.Errorf("%s: %w", what, err)
}

// cloneURL checks the URL the API gave: https (or http, for tests and
// GHES behind a proxy) and no credentials in it. The token never goes in a
// URL, where it could reach a log or an error message.
func cloneURL(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return "", fmt.Errorf("clone URL %q is not an http(s) URL", redactURL(raw))
	}
	u.User = nil
	return u.String(), nil
}

// redactURL drops any user information from a URL for messages.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable URL)"
	}
	u.User = nil
	return u.String()
}
