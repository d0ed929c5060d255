package action

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// RetryTransport retries GitHub API requests that GitHub asks to retry
// (rate limits: 429, or 403 with Retry-After, an exhausted X-RateLimit-
// Remaining or a "secondary rate limit" message) and, for requests that can
// be repeated safely (GET, HEAD, PUT, DELETE), server errors (500, 502, 503,
// 504). A POST is not retried after a server error: GitHub may have done
// it, and a second review would duplicate the first. Waits are bounded:
// a wait longer than MaxWait is not made and the response is returned.
type RetryTransport struct {
	Base http.RoundTripper
	// Sleep waits for d or until ctx ends; nil means a real timer.
	Sleep func(ctx context.Context, d time.Duration) error
	// Now is the clock for X-RateLimit-Reset; nil means time.Now.
	Now func() time.Time
	// MaxRetries bounds the retries of one request; 0 means 3.
	MaxRetries int
	// MaxWait bounds one wait; 0 means 60 seconds.
	MaxWait time.Duration
}

// maxErrorBody bounds the part of an error response read to classify it.
const maxErrorBody = 64 << 10

// RoundTrip implements http.RoundTripper.
func (t *RetryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	base := t.Base
	if base == nil {
		base = http.DefaultTransport
	}
	retries, maxWait := t.MaxRetries, t.MaxWait
	if retries == 0 {
		retries = 3
	}
	if maxWait == 0 {
		maxWait = 60 * time.Second
	}
	for attempt := 0; ; attempt++ {
		if attempt > 0 && req.Body != nil && req.GetBody != nil {
			body, err := req.GetBody()
			if err != nil {
				return nil, err
			}
			req = req.Clone(req.Context())
			req.Body = body
		}
		resp, err := base.RoundTrip(req)
		if err != nil || attempt >= retries || (req.Body != nil && req.GetBody == nil) {
			return resp, err
		}
		wait, retry := t.retryAfter(req, resp, attempt)
		if !retry || wait > maxWait {
			return resp, nil
		}
		// Drain and close the body so the connection can be reused.
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxErrorBody))
		resp.Body.Close()
		if err := t.sleep(req.Context(), wait); err != nil {
			return nil, err
		}
	}
}

// retryAfter decides whether resp is worth retrying and after how long.
// It may replace resp.Body (after reading part of it) with an equivalent
// reader.
func (t *RetryTransport) retryAfter(req *http.Request, resp *http.Response, attempt int) (time.Duration, bool) {
	backoff := time.Duration(1<<attempt) * time.Second
	switch code := resp.StatusCode; {
	case code == http.StatusTooManyRequests || code == http.StatusForbidden:
		if d, ok := retryAfterHeader(resp.Header.Get("Retry-After"), t.now()); ok {
			return d, true
		}
		if resp.Header.Get("X-RateLimit-Remaining") == "0" {
			if reset, err := strconv.ParseInt(resp.Header.Get("X-RateLimit-Reset"), 10, 64); err == nil {
				d := time.Unix(reset, 0).Sub(t.now())
				return max(d, 0) + time.Second, true
			}
		}
		if code == http.StatusTooManyRequests {
			return backoff, true
		}
		// A secondary rate limit without Retry-After: GitHub asks to
		// wait at least a minute.
		if secondaryLimit(resp) {
			return time.Minute, true
		}
		return 0, false
	case code == http.StatusInternalServerError || code == http.StatusBadGateway ||
		code == http.StatusServiceUnavailable || code == http.StatusGatewayTimeout:
		switch req.Method {
		case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete:
			return backoff, true
		}
	}
	return 0, false
}

// secondaryLimit reports a 403 whose body mentions a secondary rate limit;
// the body stays readable.
func secondaryLimit(resp *http.Response) bool {
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
	if n, err := strconv.Atoi(v); err == nil && n >= 0 {
		return time.Duration(n) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

func (t *RetryTransport) now() time.Time {
	if t.Now != nil {
		return t.Now()
	}
	return time.Now()
}

func (t *RetryTransport) sleep(ctx context.Context, d time.Duration) error {
	if t.Sleep != nil {
		return t.Sleep(ctx, d)
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
