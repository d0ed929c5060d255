package ghlogs

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/google/go-github/v60/github"

	"github.com/secretsweep/secretsweep/internal/ghclient"
)

// maxRateLimitRetries bounds how often one call waits for a rate limit.
const maxRateLimitRetries = 3

// withRetry returns client with GitHub's rate limits waited out below it,
// each wait bounded by opts.MaxRateLimitWait.
func withRetry(client *github.Client, opts Options) *github.Client {
	return ghclient.WithRetry(client, ghclient.RetryOptions{
		MaxRetries: maxRateLimitRetries,
		MaxWait:    opts.MaxRateLimitWait,
		Now:        opts.Now,
		Sleep:      opts.Sleep,
	})
}

// call runs fn and turns its failure into a one-line error; what names the
// call. Rate limits were waited out by the client's transport: one that is
// left was too long to wait for.
func (s *session) call(_ context.Context, what string, fn func() (*github.Response, error)) error {
	resp, err := fn()
	if err == nil {
		return nil
	}
	if h, limited := rateLimited(resp, err); limited {
		wait := ghclient.LimitWait(h, s.opts.Now())
		return fmt.Errorf("%s: GitHub API rate limit exceeded; it resets in %s (at %s), try again later",
			what, wait.Round(time.Second), s.opts.Now().Add(wait).UTC().Format(time.RFC3339))
	}
	return s.apiError(what, resp, err)
}

// rateLimited reports whether a failed call was refused by a rate limit,
// and the refusal's headers. The response is checked as well as the error:
// go-github does not check the log download endpoint's responses.
func rateLimited(resp *github.Response, err error) (http.Header, bool) {
	var rl *github.RateLimitError
	var ab *github.AbuseRateLimitError
	switch {
	case errors.As(err, &rl) && rl.Response != nil:
		return rl.Response.Header, true
	case errors.As(err, &ab) && ab.Response != nil:
		return ab.Response.Header, true
	case resp == nil || resp.Response == nil:
		return nil, false
	}
	h, code := resp.Header, resp.StatusCode
	return h, code == http.StatusTooManyRequests ||
		code == http.StatusForbidden && (h.Get("X-RateLimit-Remaining") == "0" || h.Get("Retry-After") != "")
}

// apiError turns an API failure into a one-line error with a hint.
func (s *session) apiError(what string, resp *github.Response, err error) error {
	if errors.Is(err, errLogsGone) {
		return err
	}
	code := 0
	if resp != nil && resp.Response != nil {
		code = resp.StatusCode
	}
	var er *github.ErrorResponse
	if code == 0 && errors.As(err, &er) && er.Response != nil {
		code = er.Response.StatusCode
	}
	switch code {
	case http.StatusUnauthorized:
		return fmt.Errorf("%s: GitHub rejected the token (401 Bad credentials): GITHUB_TOKEN or GH_TOKEN is invalid or expired", what)
	case http.StatusForbidden:
		return fmt.Errorf("%s: access denied (403): the token needs read access to Actions on %s/%s (repo scope or actions:read)", what, s.owner, s.repo)
	case http.StatusNotFound:
		return fmt.Errorf("%s: not found (404): %s/%s does not exist or the token cannot read it", what, s.owner, s.repo)
	}
	return fmt.Errorf("%s: %w", what, err)
}
