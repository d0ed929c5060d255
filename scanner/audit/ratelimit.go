package audit

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Defaults of RateLimitTransport.
const (
	DefaultMinRemaining    = 10
	DefaultMaxRateLimitTry = 6
	DefaultMaxWait         = time.Hour
	// secondaryBackoff is the first wait on a secondary rate limit that
	// names no time; GitHub's documentation asks for at least a minute, and
	// for exponentially longer waits while the limit persists.
	secondaryBackoff    = time.Minute
	maxSecondaryBackoff = 16 * time.Minute
)

// RateLimitTransport keeps GitHub API calls under GitHub's rate limits: it
// waits for the reset when a response says few requests are left (primary
// limit), and retries a request refused by a limit after the wait GitHub
// asks for: X-RateLimit-Reset for the primary limit, Retry-After for the
// secondary one, else exponentially longer waits from one minute. The
// retries are bounded.
//
// It sits below go-github, so go-github never sees the refusals it would
// remember (and answer itself, by wall-clock time, until they expire).
type RateLimitTransport struct {
	Base http.RoundTripper // nil: http.DefaultTransport
	// Now and Sleep are the clock; nil means real time.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
	// MinRemaining: below this many requests left, wait for the reset.
	MinRemaining int
	// MaxTries bounds the retries of one request refused by a limit.
	MaxTries int
	// MaxWait is the longest single wait; a longer one is reported as the
	// refusal itself (default one hour, the primary limit's window).
	MaxWait time.Duration
	// OnWait, when set, is told of every wait (progress).
	OnWait func(d time.Duration, why string)
}

// RoundTrip implements http.RoundTripper.
func (t *RateLimitTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	base := t.Base
	if base == nil {
		base = http.DefaultTransport
	}
	maxTries := t.MaxTries
	if maxTries <= 0 {
		maxTries = DefaultMaxRateLimitTry
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
		wait, why := t.refusal(resp, &secondaries)
		if why == "" {
			if w, low := t.lowBudget(resp); low {
				if err := t.wait(req.Context(), w, "primary rate limit nearly used up"); err != nil {
					resp.Body.Close()
					return nil, err
				}
			}
			return resp, nil
		}
		if attempt+1 >= maxTries || wait > t.maxWait() {
			return resp, nil // go-github turns it into its rate-limit error
		}
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		resp.Body.Close()
		if err := t.wait(req.Context(), wait, why); err != nil {
			return nil, err
		}
	}
}

func (t *RateLimitTransport) now() time.Time {
	if t.Now == nil {
		return time.Now()
	}
	return t.Now()
}

func (t *RateLimitTransport) maxWait() time.Duration {
	if t.MaxWait <= 0 {
		return DefaultMaxWait
	}
	return t.MaxWait
}

func (t *RateLimitTransport) wait(ctx context.Context, d time.Duration, why string) error {
	if t.OnWait != nil {
		t.OnWait(d, why)
	}
	if t.Sleep != nil {
		return t.Sleep(ctx, d)
	}
	return sleepCtx(ctx, d)
}

// refusal reports whether resp is a rate-limit refusal, the wait before
// retrying and which limit it was ("" when it is not one).
// secondaries counts the secondary refusals of this request so far.
func (t *RateLimitTransport) refusal(resp *http.Response, secondaries *int) (time.Duration, string) {
	if resp.StatusCode != http.StatusForbidden && resp.StatusCode != http.StatusTooManyRequests {
		return 0, ""
	}
	h := resp.Header
	if h.Get("X-RateLimit-Remaining") == "0" && h.Get("Retry-After") == "" {
		if reset, ok := resetTime(h); ok {
			return untilReset(reset, t.now()), "primary rate limit"
		}
	}
	secondary := resp.StatusCode == http.StatusTooManyRequests || h.Get("Retry-After") != ""
	if !secondary {
		// A 403 is a secondary limit only when GitHub says so in the body;
		// otherwise it is a permission error, for the caller to report.
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
		resp.Body.Close()
		resp.Body = io.NopCloser(bytes.NewReader(body))
		if !strings.Contains(strings.ToLower(string(body)), "secondary rate limit") {
			return 0, ""
		}
	}
	// Retry-After first; then, while the limit persists, exponentially
	// longer waits from a minute (never shorter than what GitHub asked for).
	*secondaries++
	wait := min(secondaryBackoff<<(min(*secondaries, 6)-1), maxSecondaryBackoff)
	if v, err := strconv.ParseInt(h.Get("Retry-After"), 10, 64); err == nil && v >= 0 {
		ra := time.Duration(v) * time.Second
		if *secondaries == 1 {
			wait = ra
		}
		wait = max(wait, ra)
	}
	return max(wait, time.Second), "secondary rate limit"
}

// lowBudget reports whether resp says fewer than MinRemaining requests are
// left, and the wait until the window resets.
func (t *RateLimitTransport) lowBudget(resp *http.Response) (time.Duration, bool) {
	minLeft := t.MinRemaining
	if minLeft == 0 {
		minLeft = DefaultMinRemaining
	}
	left, err := strconv.Atoi(resp.Header.Get("X-RateLimit-Remaining"))
	if err != nil || left >= minLeft {
		return 0, false
	}
	reset, ok := resetTime(resp.Header)
	if !ok {
		return 0, false
	}
	d := untilReset(reset, t.now())
	if d > t.maxWait() {
		return 0, false
	}
	return d, true
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

// rewind returns a copy of req with a fresh body, for a retry.
func rewind(req *http.Request) (*http.Request, error) {
	r := req.Clone(req.Context())
	if req.Body != nil && req.Body != http.NoBody {
		if req.GetBody == nil {
			return nil, errNoRewind
		}
		body, err := req.GetBody()
		if err != nil {
			return nil, err
		}
		r.Body = body
	}
	return r, nil
}

var errNoRewind = errors.New("rate limited: the request cannot be sent again (its body cannot be rewound)")

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
