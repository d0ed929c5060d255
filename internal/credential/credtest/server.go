// Package credtest holds what tests of credential checks and revocations
// share: a fake provider server whose expected calls are checked, and the
// list of every credential kind with its samples.
package credtest

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// Server is an httptest server standing in for a provider's API. Routes
// are registered with Handle; Verify then fails the test when a route was
// never called (or not as often as Times said) or when a request matched
// no route. Every request is recorded, so a test can ask whether the
// server saw a credential.
type Server struct {
	*httptest.Server
	mux *http.ServeMux

	mu         sync.Mutex
	routes     map[string]*Route
	order      []string
	unexpected []string
	seen       []string // each request as text: method, URL, headers, body
}

// Route is one expected call.
type Route struct {
	pattern string
	want    int // 0: at least once
	calls   int
}

// Times makes the route expected exactly n times (n > 0).
func (r *Route) Times(n int) *Route {
	r.want = n
	return r
}

// NewServer starts a server closed when the test ends.
func NewServer(t testing.TB) *Server {
	t.Helper()
	s := &Server{mux: http.NewServeMux(), routes: map[string]*Route{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

// Handle registers h for pattern, in http.ServeMux syntax ("GET /user",
// "DELETE /-/npm/v1/tokens/token/{key}"), as a call that must happen.
func (s *Server) Handle(pattern string, h http.HandlerFunc) *Route {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := &Route{pattern: pattern}
	s.routes[pattern] = r
	s.order = append(s.order, pattern)
	s.mux.HandleFunc(pattern, h)
	return r
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	var dump strings.Builder
	fmt.Fprintf(&dump, "%s %s\n", r.Method, r.URL)
	_ = r.Header.Write(&dump)
	dump.Write(body)
	_, pattern := s.mux.Handler(r)
	s.mu.Lock()
	s.seen = append(s.seen, dump.String())
	route := s.routes[pattern]
	if route == nil {
		s.unexpected = append(s.unexpected, r.Method+" "+r.URL.Path)
	} else {
		route.calls++
	}
	s.mu.Unlock()
	if route == nil {
		Reply(http.StatusNotFound, `{"message":"Not Found"}`)(w, r)
		return
	}
	s.mux.ServeHTTP(w, r)
}

// Verify fails t for every route not called as expected and every
// request no route took.
func (s *Server) Verify(t testing.TB) {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.order {
		r := s.routes[p]
		switch {
		case r.want == 0 && r.calls == 0:
			t.Errorf("%s: expected call never happened", p)
		case r.want > 0 && r.calls != r.want:
			t.Errorf("%s: called %d times, want %d", p, r.calls, r.want)
		}
	}
	for _, u := range s.unexpected {
		t.Errorf("unexpected request %s", u)
	}
}

// Requests is how many requests the server received.
func (s *Server) Requests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.seen)
}

// Saw reports whether any request carried value, in its URL, a header or
// its body.
func (s *Server) Saw(value string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range s.seen {
		if strings.Contains(d, value) {
			return true
		}
	}
	return false
}

// Reply answers with a JSON body.
func Reply(code int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(code)
		_, _ = io.WriteString(w, body)
	}
}

// RedirectTo answers every request with a redirect of the given status to
// the same path on target.
func RedirectTo(target *Server, code int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target.URL+r.URL.RequestURI(), code)
	}
}
