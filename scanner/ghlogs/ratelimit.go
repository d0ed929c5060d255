package ghlogs

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/google/go-github/v60/github"
)

// maxRateLimitRetries bounds how often one call waits for a rate limit.
const maxRateLimitRetries = 3

// secondaryDefaultWait is how long to wait on a secondary rate limit that
// names no time; GitHub's docs say to wait at least a minute.
const secondaryDefaultWait = time.Minute

// call runs fn, waiting and retrying while GitHub rate-limits it and the
// wait is short; what names the call in errors.
func (s *session) call(ctx context.Context, what string, fn func() (*github.Response, error)) error {
	for attempt := 0; ; attempt++ {
		resp, err := fn()
		if err == nil {
			return nil
		}
		wait, limited := rateLimitWait(err, s.opts.Now())
		if !limited {
			return s.apiError(what, resp, err)
		}
		if wait > s.opts.MaxRateLimitWait || attempt >= maxRateLimitRetries {
			return fmt.Errorf("%s: GitHub API rate limit exceeded; it resets in %s (at %s), try again later",
				what, wait.Round(time.Second), s.opts.Now().Add(wait).UTC().Format(time.RFC3339))
		}
		if err := s.opts.Sleep(ctx, wait); err != nil {
			return err
		}
	}
}

// rateLimitWait reports whether err is a rate limit and how long to wait.
func rateLimitWait(err error, now time.Time) (time.Duration, bool) {
	var rl *github.RateLimitError
	var ab *github.AbuseRateLimitError
	var er *github.ErrorResponse
	switch {
	case errors.As(err, &rl):
		return untilReset(rl.Rate.Reset.Time, now), true
	case errors.As(err, &ab):
		if ab.RetryAfter != nil {
			return max(*ab.RetryAfter, time.Second), true
		}
		return secondaryDefaultWait, true
	case errors.As(err, &er) && er.Response != nil && er.Response.StatusCode == http.StatusTooManyRequests:
		return headerWait(er.Response.Header, now), true
	}
	return 0, false
}

// headerWait reads Retry-After, else X-RateLimit-Reset, from a 403 or 429.
func headerWait(h http.Header, now time.Time) time.Duration {
	if v, err := strconv.ParseInt(h.Get("Retry-After"), 10, 64); err == nil && v >= 0 {
		return time.Duration(v) * time.Second
	}
	if v, err := strconv.ParseInt(h.Get("X-RateLimit-Reset"), 10, 64); err == nil && v > 0 {
		return untilReset(time.Unix(v, 0), now)
	}
	return secondaryDefaultWait
}

// untilReset is the wait until reset, plus a second of slack for clock skew.
func untilReset(reset, now time.Time) time.Duration {
	d := reset.Sub(now) + time.Second
	if d < time.Second {
		d = time.Second
	}
	return d
}

// rateLimitFromResponse turns a 403/429 of an endpoint that go-github does
// not check (the log download redirect) into go-github's rate-limit errors.
func rateLimitFromResponse(resp *github.Response, now time.Time) error {
	if resp == nil || resp.Response == nil {
		return nil
	}
	code := resp.StatusCode
	if code != http.StatusForbidden && code != http.StatusTooManyRequests {
		return nil
	}
	if resp.Header.Get("X-RateLimit-Remaining") == "0" {
		return &github.RateLimitError{Rate: resp.Rate, Response: resp.Response, Message: "API rate limit exceeded"}
	}
	if resp.Header.Get("Retry-After") != "" {
		d := headerWait(resp.Header, now)
		return &github.AbuseRateLimitError{Response: resp.Response, Message: "secondary rate limit", RetryAfter: &d}
	}
	return nil
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
