package audit

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestRateLimitTransport answers a sequence of responses and checks the
// waits the transport takes, what the caller finally gets and how many
// requests were sent.
func TestRateLimitTransport(t *testing.T) {
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	reset := strconv.FormatInt(now.Add(90*time.Second).Unix(), 10)
	type reply struct {
		code    int
		headers map[string]string
		body    string
	}
	ok := reply{200, map[string]string{"X-RateLimit-Remaining": "4000", "X-RateLimit-Reset": reset}, "[]"}
	secondary := func(retryAfter string) reply {
		h := map[string]string{"X-RateLimit-Remaining": "4000"}
		if retryAfter != "" {
			h["Retry-After"] = retryAfter
		}
		return reply{403, h, `{"message":"You have exceeded a secondary rate limit."}`}
	}
	for _, tc := range []struct {
		name     string
		replies  []reply
		waits    []time.Duration
		code     int
		requests int
	}{
		{"no limit", []reply{ok}, nil, 200, 1},
		{"secondary with Retry-After", []reply{secondary("7"), ok}, []time.Duration{7 * time.Second}, 200, 2},
		{"secondary without Retry-After: exponential backoff",
			[]reply{secondary(""), secondary(""), secondary(""), ok},
			[]time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute}, 200, 4},
		{"persisting secondary: Retry-After, then backoff",
			[]reply{secondary("30"), secondary("30"), ok},
			[]time.Duration{30 * time.Second, 2 * time.Minute}, 200, 3},
		{"429 is a secondary limit", []reply{{429, map[string]string{"Retry-After": "3"}, ""}, ok}, []time.Duration{3 * time.Second}, 200, 2},
		{"primary exhausted: wait for the reset",
			[]reply{{403, map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset}, `{"message":"API rate limit exceeded"}`}, ok},
			[]time.Duration{91 * time.Second}, 200, 2},
		{"primary nearly used up: wait before going on",
			[]reply{{200, map[string]string{"X-RateLimit-Remaining": "3", "X-RateLimit-Reset": reset}, "[]"}},
			[]time.Duration{91 * time.Second}, 200, 1},
		{"permission error is not a limit", []reply{{403, nil, `{"message":"Resource not accessible by integration"}`}}, nil, 403, 1},
		{"bounded retries", slices.Repeat([]reply{secondary("1")}, 10),
			[]time.Duration{time.Second, 2 * time.Minute, 4 * time.Minute, 8 * time.Minute, 16 * time.Minute}, 403, 6},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := 0
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				rp := tc.replies[min(n, len(tc.replies)-1)]
				n++
				for k, v := range rp.headers {
					w.Header().Set(k, v)
				}
				w.WriteHeader(rp.code)
				io.WriteString(w, rp.body)
			}))
			defer srv.Close()
			var waits []time.Duration
			tr := &RateLimitTransport{
				Now:   func() time.Time { return now },
				Sleep: func(_ context.Context, d time.Duration) error { waits = append(waits, d); return nil },
			}
			resp, err := (&http.Client{Transport: tr}).Get(srv.URL)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tc.code || n != tc.requests || !slices.Equal(waits, tc.waits) {
				t.Errorf("status %d after %d requests, waits %v; want %d, %d, %v", resp.StatusCode, n, waits, tc.code, tc.requests, tc.waits)
			}
			if tc.code == 403 && !strings.Contains(string(body), "message") {
				t.Errorf("the refusal's body was lost: %q", body)
			}
		})
	}
}

func TestRateLimitTransportStopsWithContext(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "60")
		w.WriteHeader(429)
	}))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	tr := &RateLimitTransport{Sleep: func(ctx context.Context, d time.Duration) error { cancel(); return ctx.Err() }}
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL, nil)
	if _, err := (&http.Client{Transport: tr}).Do(req); err == nil {
		t.Error("no error after the context was cancelled during a wait")
	}
}

func TestShard(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Shard
		err  bool
	}{
		{"3/16", Shard{3, 16}, false}, {"1/1", Shard{1, 1}, false}, {" 2/3 ", Shard{2, 3}, false},
		{"0/3", Shard{}, true}, {"4/3", Shard{}, true}, {"3", Shard{}, true}, {"a/b", Shard{}, true},
		{"1/0", Shard{}, true}, {"-1/3", Shard{}, true}, {"1/100000", Shard{}, true},
	} {
		got, err := ParseShard(tc.in)
		if (err != nil) != tc.err || got != tc.want {
			t.Errorf("ParseShard(%q) = %v, %v", tc.in, got, err)
		}
	}
	// Every name is in exactly one shard, the same one whatever the case,
	// and the split is not lopsided.
	sizes := make([]int, 4)
	for i := range 400 {
		name := "acme/repo-" + strconv.Itoa(i)
		in := 0
		for s := 1; s <= 4; s++ {
			if (Shard{s, 4}).Contains(name) {
				in++
				sizes[s-1]++
				if !(Shard{s, 4}).Contains(strings.ToUpper(name)) {
					t.Errorf("%s: shard depends on case", name)
				}
			}
		}
		if in != 1 {
			t.Errorf("%s is in %d shards", name, in)
		}
	}
	for i, n := range sizes {
		if n < 60 {
			t.Errorf("shard %d/4 got %d of 400", i+1, n)
		}
	}
}

func TestSelection(t *testing.T) {
	repos := []Repo{
		{FullName: "acme/api", Name: "api"}, {FullName: "acme/api-docs", Name: "api-docs"},
		{FullName: "acme/old", Name: "old", Archived: true}, {FullName: "acme/fork", Name: "fork", Fork: true},
		{FullName: "acme/Web", Name: "Web"},
	}
	for _, tc := range []struct {
		name string
		sel  Selection
		want []string
	}{
		{"default", Selection{}, []string{"acme/api", "acme/api-docs", "acme/Web"}},
		{"forks and archived", Selection{IncludeForks: true, IncludeArchived: true}, []string{"acme/api", "acme/api-docs", "acme/old", "acme/fork", "acme/Web"}},
		{"filter by name", Selection{Filters: []string{"api*"}}, []string{"acme/api", "acme/api-docs"}},
		{"filter by full name, case-insensitive", Selection{Filters: []string{"acme/web"}}, []string{"acme/Web"}},
		{"exclude", Selection{Excludes: []string{"*-docs"}}, []string{"acme/api", "acme/Web"}},
		{"exclude wins", Selection{Filters: []string{"api*"}, Excludes: []string{"api"}}, []string{"acme/api-docs"}},
	} {
		var got []string
		for _, r := range tc.sel.Apply(repos) {
			got = append(got, r.FullName)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
	if CheckGlobs([]string{"[a"}) == nil || CheckGlobs([]string{""}) == nil || CheckGlobs([]string{"a*", "acme/?"}) != nil {
		t.Error("CheckGlobs")
	}
}
