package action

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// scripted answers requests with the given responses in order.
type scripted struct {
	resps  []*http.Response
	bodies []string // request bodies seen
}

func (s *scripted) RoundTrip(req *http.Request) (*http.Response, error) {
	b := ""
	if req.Body != nil {
		data, _ := io.ReadAll(req.Body)
		b = string(data)
	}
	s.bodies = append(s.bodies, b)
	r := s.resps[0]
	if len(s.resps) > 1 {
		s.resps = s.resps[1:]
	}
	return r, nil
}

func resp(code int, body string, headers ...string) *http.Response {
	h := http.Header{}
	for i := 0; i+1 < len(headers); i += 2 {
		h.Set(headers[i], headers[i+1])
	}
	return &http.Response{StatusCode: code, Header: h, Body: io.NopCloser(strings.NewReader(body))}
}

func TestRetryTransport(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	secondary := `{"message":"You have exceeded a secondary rate limit"}`
	for _, tc := range []struct {
		name   string
		method string
		resps  []*http.Response
		code   int
		waits  []time.Duration
	}{
		{"ok", "GET", []*http.Response{resp(200, "{}")}, 200, nil},
		{"429 with Retry-After", "POST", []*http.Response{resp(429, "", "Retry-After", "5"), resp(201, "{}")}, 201, []time.Duration{5 * time.Second}},
		{"403 secondary limit with Retry-After", "POST", []*http.Response{resp(403, secondary, "Retry-After", "2"), resp(200, "{}")}, 200, []time.Duration{2 * time.Second}},
		{"403 secondary limit without Retry-After waits a minute", "POST", []*http.Response{resp(403, secondary), resp(200, "{}")}, 200, []time.Duration{time.Minute}},
		{"403 primary limit waits for the reset", "GET", []*http.Response{
			resp(403, `{"message":"API rate limit exceeded"}`, "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", fmt.Sprint(now.Unix()+10)),
			resp(200, "{}")}, 200, []time.Duration{11 * time.Second}},
		{"403 forbidden is not retried", "POST", []*http.Response{resp(403, `{"message":"Resource not accessible by integration"}`)}, 403, nil},
		{"401 is not retried", "GET", []*http.Response{resp(401, `{"message":"Bad credentials"}`)}, 401, nil},
		{"404 is not retried", "GET", []*http.Response{resp(404, `{"message":"Not Found"}`)}, 404, nil},
		{"502 on GET is retried with backoff", "GET", []*http.Response{resp(502, ""), resp(503, ""), resp(200, "{}")}, 200, []time.Duration{time.Second, 2 * time.Second}},
		{"502 on PUT is retried", "PUT", []*http.Response{resp(502, ""), resp(200, "{}")}, 200, []time.Duration{time.Second}},
		{"502 on POST is not retried", "POST", []*http.Response{resp(502, "")}, 502, nil},
		{"retries are bounded", "GET", []*http.Response{resp(500, "")}, 500, []time.Duration{time.Second, 2 * time.Second, 4 * time.Second}},
		{"a wait over the bound is not made", "POST", []*http.Response{resp(429, "", "Retry-After", "3600")}, 429, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := &scripted{resps: tc.resps}
			var waits []time.Duration
			rt := &RetryTransport{Base: s, Now: func() time.Time { return now },
				Sleep: func(_ context.Context, d time.Duration) error { waits = append(waits, d); return nil }}
			req, err := http.NewRequest(tc.method, "https://api.github.test/x", strings.NewReader(`{"body":"b"}`))
			if err != nil {
				t.Fatal(err)
			}
			r, err := rt.RoundTrip(req)
			if err != nil {
				t.Fatal(err)
			}
			if r.StatusCode != tc.code {
				t.Errorf("status %d, want %d", r.StatusCode, tc.code)
			}
			if fmt.Sprint(waits) != fmt.Sprint(tc.waits) {
				t.Errorf("waits %v, want %v", waits, tc.waits)
			}
			for i, b := range s.bodies {
				if b != `{"body":"b"}` {
					t.Errorf("attempt %d sent body %q", i, b)
				}
			}
			if tc.code == 403 {
				if data, _ := io.ReadAll(r.Body); !strings.Contains(string(data), "Resource not accessible") {
					t.Errorf("body of the returned response lost: %q", data)
				}
			}
		})
	}
}
