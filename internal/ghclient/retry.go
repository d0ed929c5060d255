package ghclient

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/google/go-github/v60/github"
)

// Defaults of RetryOptions.
const (
	DefaultMaxRetries = 3
	DefaultMaxWait    = time.Minute
)

// Waits GitHub's documentation asks for on a secondary rate limit that
// names no time: at least a minute, then exponentially longer while the
// limit persists.
const (
	secondaryBackoff    = time.Minute
	maxSecondaryBackoff = 16 * time.Minute
)

// maxErrorBody bounds the part of a refusal read to classify it.
const maxErrorBody = 64 << 10

// RetryOptions tune RetryTransport. The zero value retries a request up to
// three times, never waiting more than a minute at once, and does not wait
// ahead of the primary limit.
type RetryOptions struct {
	// MaxRetries bounds the retries of one request (0: DefaultMaxRetries).
	MaxRetries int
	// MaxWait bounds one wait (0: DefaultMaxWait). A wait GitHub asks for
	// that is longer is not made: the refusal is returned to the caller.
	// Waits the transport chooses itself (backoff) are cut to MaxWait.
	MaxWait time.Duration
	// MinRemaining, when positive, makes the transport wait for the primary
	// limit's reset (if within MaxWait) before returning a response that
	// says fewer requests than this are left.
	MinRemaining int
	// Now and Sleep are the clock; nil means real time.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
	// OnWait, when set, is told of every rate-limit wait (progress); the
	// short backoffs after server errors are not reported.
	OnWait func(d time.Duration, why string)
}

// RetryTransport keeps GitHub API calls within GitHub's rate limits. It
// retries a request refused by a limit after the wait GitHub asks for:
// Retry-After (seconds or a date) when present, else X-RateLimit-Reset when
// no request is left (primary limit), else a minute, doubled while a
// secondary limit persists. A 403 is a limit only when its headers or body
// say so; otherwise it is a permission error, returned as it is. Server
// errors (500, 502, 503, 504) are retried with a short backoff, but only
// for requests that can be repeated safely (GET, HEAD, OPTIONS, PUT,
// DELETE): GitHub may have done a POST that failed, and a second one would
// do it twice. Retries and every single wait are bounded; a request whose
// body cannot be sent again is not retried.
//
// It sits below go-github, so go-github never sees the refusals it would
// remember (and answer itself, by wall-clock time, until they expire).
type RetryTransport struct {
	Base http.RoundTripper // nil: http.DefaultTransport
	RetryOptions
}

// NewRetryTransport returns a RetryTransport over base.
func NewRetryTransport(base http.RoundTripper, o RetryOptions) *RetryTransport {
	return &RetryTransport{Base: base, RetryOptions: o}
}

// WithRetry returns a copy of c whose requests go through a RetryTransport
// (after c's own transport has added its credentials).
func WithRetry(c *github.Client, o RetryOptions) *github.Client {
	hc := c.Client()
	hc.Transport = NewRetryTransport(hc.Transport, o)
	c2 := github.NewClient(hc)
	c2.BaseURL, c2.UploadURL, c2.UserAgent = c.BaseURL, c.UploadURL, c.UserAgent
	return c2
}

// RoundTrip implements http.RoundTripper.
func (t *RetryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	base := t.Base
	if base == nil {
		base = http.DefaultTransport
	}
	secondaries := 0
	for attempt := 0; ; attempt++ {
		r := req
		if attempt > 0 {
			var err error
			if r, err = rewind(req); err != nil {
				return nil, err
			}
		}
		resp, err := base.RoundTrip(r)
		if err != nil {
			return nil, err
		}
		wait, why, limit := t.retryAfter(req, resp, attempt, &secondaries)
		if why == "" {
			if w, low := t.lowBudget(resp); low {
				if err := t.wait(req.Context(), w, "primary rate limit nearly used up", true); err != nil {
					resp.Body.Close()
					return nil, err
				}
			}
			return resp, nil
		}
		if attempt >= t.maxRetries() || wait > t.maxWait() || !rewindable(req) {
			return resp, nil // go-github turns a refusal into its rate-limit error
		}
		// Drain and close the body so the connection can be reused.
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxErrorBody))
		resp.Body.Close()
		if err := t.wait(req.Context(), wait, why, limit); err != nil {
			return nil, err
		}
	}
}

// retryAfter decides whether resp is worth retrying: the wait, why ("" when
// it is not) and whether it is a rate limit. It may replace resp.Body (after
// reading part of it) with an equivalent reader. secondaries counts the
// secondary-limit refusals of this request so far.
func (t *RetryTransport) retryAfter(req *http.Request, resp *http.Response, attempt int, secondaries *int) (time.Duration, string, bool) {
	switch code := resp.StatusCode; code {
	case http.StatusForbidden, http.StatusTooManyRequests:
		h := resp.Header
		ra, hasRA := retryAfterHeader(h.Get("Retry-After"), t.now())
		if !hasRA && h.Get("X-RateLimit-Remaining") == "0" {
			if reset, ok := resetTime(h); ok {
				return untilReset(reset, t.now()), "primary rate limit", true
			}
		}
		if code == http.StatusForbidden && !hasRA && !secondaryMessage(resp) {
			return 0, "", false
		}
		*secondaries++
		wait := min(secondaryBackoff<<(min(*secondaries, 6)-1), maxSecondaryBackoff, t.maxWait())
		if hasRA {
			if *secondaries == 1 {
				wait = ra
			}
			wait = max(wait, ra)
		}
		return max(wait, time.Second), "secondary rate limit", true
	case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		switch req.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodPut, http.MethodDelete:
			return min(time.Second<<min(attempt, 10), t.maxWait()), "server error " + strconv.Itoa(code), false
		}
	}
	return 0, "", false
}

// lowBudget reports whether resp says fewer than MinRemaining requests are
// left, and the wait until the window resets (when within MaxWait).
func (t *RetryTransport) lowBudget(resp *http.Response) (time.Duration, bool) {
	if t.MinRemaining <= 0 {
		return 0, false
	}
	left, err := strconv.Atoi(resp.Header.Get("X-RateLimit-Remaining"))
	if err != nil || left >= t.MinRemaining {
		return 0, false
	}
	reset, ok := resetTime(resp.Header)
	if !ok {
		return 0, false
	}
	d := untilReset(reset, t.now())
	return d, d <= t.maxWait()
}

func (t *RetryTransport) maxRetries() int {
	if t.MaxRetries <= 0 {
		return DefaultMaxRetries
	}
	return t.MaxRetries
}

func (t *RetryTransport) maxWait() time.Duration {
	if t.MaxWait <= 0 {
		return DefaultMaxWait
	}
	return t.MaxWait
}

func (t *RetryTransport) now() time.Time {
	if t.Now == nil {
		return time.Now()
	}
	return t.Now()
}

func (t *RetryTransport) wait(ctx context.Context, d time.Duration, why string, limit bool) error {
	if limit && t.OnWait != nil {
		t.OnWait(d, why)
	}
	if t.Sleep != nil {
		return t.Sleep(ctx, d)
	}
	return Sleep(ctx, d)
}

// LimitWait is the wait a rate-limit refusal asks for, read from its
// headers: Retry-After, else X-RateLimit-Reset when no request is left,
// else a minute (GitHub's advice when a secondary limit names no time).
func LimitWait(h http.Header, now time.Time) time.Duration {
	if d, ok := retryAfterHeader(h.Get("Retry-After"), now); ok {
		return max(d, time.Second)
	}
	if reset, ok := resetTime(h); ok && h.Get("X-RateLimit-Remaining") == "0" {
		return untilReset(reset, now)
	}
	return secondaryBackoff
}

// secondaryMessage reports a body that mentions a secondary rate limit;
// the body stays readable in full.
func secondaryMessage(resp *http.Response) bool {
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	rest := resp.Body
	resp.Body = readCloser{io.MultiReader(bytes.NewReader(data), rest), rest}
	if err != nil {
		return false
	}
	return strings.Contains(strings.ToLower(string(data)), "secondary rate limit")
}

type readCloser struct {
	io.Reader
	io.Closer
}

// retryAfterHeader parses Retry-After in seconds or as an HTTP date.
func retryAfterHeader(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil && n >= 0 {
		return time.Duration(min(n, int64(24*time.Hour/time.Second))) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

func resetTime(h http.Header) (time.Time, bool) {
	v, err := strconv.ParseInt(h.Get("X-RateLimit-Reset"), 10, 64)
	if err != nil || v <= 0 {
		return time.Time{}, false
	}
	return time.Unix(v, 0), true
}

// untilReset is the wait until reset, plus a second of slack for clock skew.
func untilReset(reset, now time.Time) time.Duration {
	return max(reset.Sub(now)+time.Second, time.Second)
}

func rewindable(req *http.Request) bool {
	return req.Body == nil || req.Body == http.NoBody || req.GetBody != nil
}

// rewind returns a copy of req with a fresh body, for a retry.
func rewind(req *http.Request) (*http.Request, error) {
	r := req.Clone(req.Context())
	if req.Body != nil && req.Body != http.NoBody {
		body, err := req.GetBody()
		if err != nil {
			return nil, err
		}
		r.Body = body
	}
	return r, nil
}

// Sleep waits for d or until ctx ends.
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
