package credtest

import (
	"fmt"
	"net/http"
	"sort"
	"sync"
	"testing"
)

// Calls is Server's "every expected call happened" check for fakes that
// route requests themselves (a GitHub API fake serving the runs or pull
// requests a test gave it). The fake records each request with Record, or
// with Unrouted when it has no answer for it; the test says with Expect and
// ExpectTimes which calls must happen; Verify then fails the test for an
// expected call that did not happen as often as required and for every
// unrouted request. Calls are named "METHOD path" ("GET /user"). The zero
// value is ready to use.
type Calls struct {
	mu       sync.Mutex
	hits     map[string]int
	want     map[string]int // -1: at least once
	unrouted []string
}

// Record counts a request the fake answers.
func (c *Calls) Record(r *http.Request) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.hits == nil {
		c.hits = map[string]int{}
	}
	c.hits[r.Method+" "+r.URL.Path]++
}

// Unrouted notes a request the fake has no answer for (Verify fails).
func (c *Calls) Unrouted(r *http.Request) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.unrouted = append(c.unrouted, r.Method+" "+r.URL.Path)
}

// Count is how many times call was recorded.
func (c *Calls) Count(call string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits[call]
}

// Expect requires each call to happen at least once.
func (c *Calls) Expect(calls ...string) { c.expect(-1, calls) }

// ExpectTimes requires each call to happen exactly n times (0: never).
func (c *Calls) ExpectTimes(n int, calls ...string) {
	if n < 0 {
		panic(fmt.Sprintf("credtest: ExpectTimes(%d)", n))
	}
	c.expect(n, calls)
}

func (c *Calls) expect(n int, calls []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.want == nil {
		c.want = map[string]int{}
	}
	for _, call := range calls {
		c.want[call] = n
	}
}

// Verify fails t for every expected call not made as required and every
// unrouted request.
func (c *Calls) Verify(t testing.TB) {
	t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	calls := make([]string, 0, len(c.want))
	for call := range c.want {
		calls = append(calls, call)
	}
	sort.Strings(calls)
	for _, call := range calls {
		switch n, got := c.want[call], c.hits[call]; {
		case n < 0 && got == 0:
			t.Errorf("%s: expected call never happened", call)
		case n >= 0 && got != n:
			t.Errorf("%s: called %d times, want %d", call, got, n)
		}
	}
	for _, u := range c.unrouted {
		t.Errorf("unexpected request %s", u)
	}
}
