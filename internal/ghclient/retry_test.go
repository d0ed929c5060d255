package ghclient

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// reply is one scripted answer of the fake API.
type reply struct {
	code    int
	headers map[string]string
	body    string
}

// scripted answers requests with the given replies in order (the last one
// repeats) and records the bodies it was sent.
type scripted struct {
	replies []reply
	bodies  []string
}

func (s *scripted) RoundTrip(req *http.Request) (*http.Response, error) {
	b := ""
	if req.Body != nil {
		data, _ := io.ReadAll(req.Body)
		b = string(data)
	}
	s.bodies = append(s.bodies, b)
	rp := s.replies[min(len(s.bodies), len(s.replies))-1]
	h := http.Header{}
	for k, v := range rp.headers {
		h.Set(k, v)
	}
	return &http.Response{StatusCode: rp.code, Header: h, Body: io.NopCloser(strings.NewReader(rp.body))}, nil
}

// The parameters each caller uses (see cmd/action.go, scanner/audit and
// scanner/ghlogs).
var (
	actionParams = RetryOptions{}
	auditParams  = RetryOptions{MaxRetries: 5, MaxWait: time.Hour, MinRemaining: 10}
	ghlogsParams = RetryOptions{MaxRetries: 3, MaxWait: 3 * time.Minute}
)

func TestRetryTransport(t *testing.T) {
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	reset := strconv.FormatInt(now.Add(90*time.Second).Unix(), 10)
	ok := reply{200, map[string]string{"X-RateLimit-Remaining": "4000", "X-RateLimit-Reset": reset}, "[]"}
	secondary := func(retryAfter string) reply {
		h := map[string]string{"X-RateLimit-Remaining": "4000"}
		if retryAfter != "" {
			h["Retry-After"] = retryAfter
		}
		return reply{403, h, `{"message":"You have exceeded a secondary rate limit."}`}
	}
	primary := func(code int, reset string) reply {
		return reply{code, map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset}, `{"message":"API rate limit exceeded"}`}
	}
	denied := reply{403, nil, `{"message":"Resource not accessible by integration"}`}
	bigDenied := reply{403, nil, `{"message":"Resource not accessible by integration","pad":"` + strings.Repeat("x", 100<<10) + `"}`}
	s := time.Second
	for _, tc := range []struct {
		name     string
		opts     RetryOptions
		method   string
		replies  []reply
		code     int
		waits    []time.Duration
		requests int
	}{
		{"ok", actionParams, "GET", []reply{ok}, 200, nil, 1},
		{"429 with Retry-After", actionParams, "POST", []reply{{429, map[string]string{"Retry-After": "5"}, ""}, ok}, 200, []time.Duration{5 * s}, 2},
		{"429 without Retry-After waits a minute", actionParams, "POST", []reply{{429, nil, ""}, ok}, 200, []time.Duration{time.Minute}, 2},
		{"Retry-After as an HTTP date", actionParams, "GET",
			[]reply{{429, map[string]string{"Retry-After": now.Add(20 * s).Format(http.TimeFormat)}, ""}, ok}, 200, []time.Duration{20 * s}, 2},
		{"Retry-After 0 still waits a second", ghlogsParams, "GET", []reply{secondary("0"), ok}, 200, []time.Duration{s}, 2},
		{"403 secondary with Retry-After", actionParams, "POST", []reply{secondary("2"), ok}, 200, []time.Duration{2 * s}, 2},
		{"403 secondary without Retry-After waits a minute", actionParams, "POST", []reply{secondary(""), ok}, 200, []time.Duration{time.Minute}, 2},
		{"persisting secondary: exponential backoff", auditParams, "GET",
			[]reply{secondary(""), secondary(""), secondary(""), ok}, 200, []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute}, 4},
		{"persisting secondary: Retry-After, then backoff", auditParams, "GET",
			[]reply{secondary("30"), secondary("30"), ok}, 200, []time.Duration{30 * s, 2 * time.Minute}, 3},
		{"backoff is cut to the longest wait", actionParams, "GET",
			[]reply{secondary(""), secondary(""), ok}, 200, []time.Duration{time.Minute, time.Minute}, 3},
		{"403 primary waits for the reset", actionParams, "GET", []reply{primary(403, strconv.FormatInt(now.Unix()+10, 10)), ok}, 200, []time.Duration{11 * s}, 2},
		{"429 primary waits for the reset", ghlogsParams, "GET", []reply{primary(429, reset), ok}, 200, []time.Duration{91 * s}, 2},
		{"reset in the past waits a second", ghlogsParams, "GET", []reply{primary(403, strconv.FormatInt(now.Unix()-30, 10)), ok}, 200, []time.Duration{s}, 2},
		{"reset too far: the refusal is returned", ghlogsParams, "GET", []reply{primary(403, strconv.FormatInt(now.Unix()+7200, 10))}, 403, nil, 1},
		{"a Retry-After over the bound is not waited", actionParams, "POST", []reply{{429, map[string]string{"Retry-After": "3600"}, ""}}, 429, nil, 1},
		{"primary nearly used up: wait before going on", auditParams, "GET",
			[]reply{{200, map[string]string{"X-RateLimit-Remaining": "3", "X-RateLimit-Reset": reset}, "[]"}}, 200, []time.Duration{91 * s}, 1},
		{"nearly used up, no threshold: no wait", actionParams, "GET",
			[]reply{{200, map[string]string{"X-RateLimit-Remaining": "3", "X-RateLimit-Reset": reset}, "[]"}}, 200, nil, 1},
		{"permission error is not a limit", auditParams, "POST", []reply{denied}, 403, nil, 1},
		{"a large permission error keeps its body", auditParams, "GET", []reply{bigDenied}, 403, nil, 1},
		{"401 is not retried", actionParams, "GET", []reply{{401, nil, `{"message":"Bad credentials"}`}}, 401, nil, 1},
		{"404 is not retried", actionParams, "GET", []reply{{404, nil, `{"message":"Not Found"}`}}, 404, nil, 1},
		{"502 on GET is retried with backoff", actionParams, "GET", []reply{{502, nil, ""}, {503, nil, ""}, ok}, 200, []time.Duration{s, 2 * s}, 3},
		{"502 on PUT is retried", actionParams, "PUT", []reply{{502, nil, ""}, ok}, 200, []time.Duration{s}, 2},
		{"502 on DELETE is retried", auditParams, "DELETE", []reply{{504, nil, ""}, ok}, 200, []time.Duration{s}, 2},
		{"502 on POST is not retried", auditParams, "POST", []reply{{502, nil, ""}}, 502, nil, 1},
		{"500 on PATCH is not retried", actionParams, "PATCH", []reply{{500, nil, ""}}, 500, nil, 1},
		{"server errors: retries are bounded", actionParams, "GET", []reply{{500, nil, ""}}, 500, []time.Duration{s, 2 * s, 4 * s}, 4},
		{"rate limits: retries are bounded", auditParams, "GET", slices.Repeat([]reply{secondary("1")}, 10), 403,
			[]time.Duration{s, 2 * time.Minute, 4 * time.Minute, 8 * time.Minute, 16 * time.Minute}, 6},
	} {
		t.Run(tc.name, func(t *testing.T) {
			api := &scripted{replies: tc.replies}
			var waits, told []time.Duration
			o := tc.opts
			o.Now = func() time.Time { return now }
			o.Sleep = func(_ context.Context, d time.Duration) error { waits = append(waits, d); return nil }
			o.OnWait = func(d time.Duration, why string) {
				if why == "" {
					t.Error("a wait without a reason")
				}
				told = append(told, d)
			}
			const sent = `{"body":"b"}`
			var body io.Reader
			if tc.method != "GET" {
				body = strings.NewReader(sent)
			}
			req, err := http.NewRequest(tc.method, "https://api.github.test/x", body)
			if err != nil {
				t.Fatal(err)
			}
			resp, err := NewRetryTransport(api, o).RoundTrip(req)
			if err != nil {
				t.Fatal(err)
			}
			got, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tc.code || len(api.bodies) != tc.requests || !slices.Equal(waits, tc.waits) {
				t.Errorf("status %d after %d requests, waits %v; want %d, %d, %v",
					resp.StatusCode, len(api.bodies), waits, tc.code, tc.requests, tc.waits)
			}
			if tc.replies[0].code < 500 && !slices.Equal(told, waits) {
				t.Errorf("OnWait told %v, waits %v", told, waits)
			}
			if want := tc.replies[min(tc.requests, len(tc.replies))-1].body; string(got) != want {
				t.Errorf("the returned response's body was altered: %d bytes, want %d", len(got), len(want))
			}
			for i, b := range api.bodies {
				if body != nil && b != sent {
					t.Errorf("attempt %d sent body %q", i+1, b)
				}
			}
		})
	}
}

// TestRetryTransportServerErrorsAreNotLimits: OnWait counts rate-limit
// waits only.
func TestRetryTransportServerErrorsAreNotLimits(t *testing.T) {
	api := &scripted{replies: []reply{{502, nil, ""}, {200, nil, ""}}}
	told := 0
	rt := NewRetryTransport(api, RetryOptions{
		Sleep:  func(context.Context, time.Duration) error { return nil },
		OnWait: func(time.Duration, string) { told++ },
	})
	req, _ := http.NewRequest("GET", "https://api.github.test/x", nil)
	resp, err := rt.RoundTrip(req)
	if err != nil || resp.StatusCode != 200 || told != 0 {
		t.Errorf("status %v err %v, OnWait told %d times", resp, err, told)
	}
}

// A refused request whose body cannot be sent again is not retried: the
// caller gets the refusal.
func TestRetryTransportBodyNotRewindable(t *testing.T) {
	api := &scripted{replies: []reply{{429, map[string]string{"Retry-After": "1"}, ""}, {201, nil, ""}}}
	slept := 0
	rt := NewRetryTransport(api, RetryOptions{Sleep: func(context.Context, time.Duration) error { slept++; return nil }})
	req, _ := http.NewRequest("POST", "https://api.github.test/x", io.NopCloser(strings.NewReader("once")))
	req.GetBody = nil
	resp, err := rt.RoundTrip(req)
	if err != nil || resp.StatusCode != 429 || slept != 0 || len(api.bodies) != 1 {
		t.Errorf("status %v err %v after %d requests and %d waits", resp, err, len(api.bodies), slept)
	}
}

func TestRetryTransportStopsWithContext(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "60")
		w.WriteHeader(429)
	}))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	tr := NewRetryTransport(nil, RetryOptions{Sleep: func(ctx context.Context, d time.Duration) error { cancel(); return ctx.Err() }})
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL, nil)
	if _, err := (&http.Client{Transport: tr}).Do(req); !errors.Is(err, context.Canceled) {
		t.Errorf("err %v after the context was cancelled during a wait, want context.Canceled", err)
	}
}

func TestLimitWait(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	for _, tc := range []struct {
		headers map[string]string
		want    time.Duration
	}{
		{map[string]string{"Retry-After": "7"}, 7 * time.Second},
		{map[string]string{"Retry-After": "0"}, time.Second},
		{map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": fmt.Sprint(now.Unix() + 30)}, 31 * time.Second},
		{map[string]string{"X-RateLimit-Remaining": "5", "X-RateLimit-Reset": fmt.Sprint(now.Unix() + 30)}, time.Minute},
		{nil, time.Minute},
	} {
		h := http.Header{}
		for k, v := range tc.headers {
			h.Set(k, v)
		}
		if got := LimitWait(h, now); got != tc.want {
			t.Errorf("LimitWait(%v) = %v, want %v", tc.headers, got, tc.want)
		}
	}
}

// WithRetry keeps the client's base URL and credentials and retries below
// go-github.
func TestWithRetry(t *testing.T) {
	n := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n++
		if r.Header.Get("Authorization") != "Bearer FAKE-TOKEN" || r.URL.Path != "/api/v3/user" {
			http.Error(w, "unexpected "+r.URL.Path, http.StatusBadRequest)
			return
		}
		if n == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		io.WriteString(w, `{"login":"octocat"}`)
	}))
	defer srv.Close()
	env := map[string]string{"GITHUB_TOKEN": "FAKE-TOKEN", "GITHUB_API_URL": srv.URL + "/api/v3"}
	c, err := New(srv.Client(), func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	c = WithRetry(c, RetryOptions{Sleep: func(context.Context, time.Duration) error { return nil }})
	u, _, err := c.Users.Get(context.Background(), "")
	if err != nil || u.GetLogin() != "octocat" || n != 2 {
		t.Errorf("user %v err %v after %d requests", u, err, n)
	}
}
