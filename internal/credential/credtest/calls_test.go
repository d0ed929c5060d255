package credtest

import (
	"fmt"
	"net/http/httptest"
	"reflect"
	"testing"
)

// recorder is a testing.TB that keeps the errors it is given.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func TestCallsVerify(t *testing.T) {
	get := httptest.NewRequest("GET", "/user", nil)
	del := httptest.NewRequest("DELETE", "/token", nil)
	tests := []struct {
		name   string
		expect func(*Calls)
		do     func(*Calls)
		want   []string
	}{
		{"nothing expected, nothing made", func(*Calls) {}, func(*Calls) {}, nil},
		{"expected and made", func(c *Calls) { c.Expect("GET /user") }, func(c *Calls) { c.Record(get); c.Record(get) }, nil},
		{"expected, not made", func(c *Calls) { c.Expect("GET /user") }, func(*Calls) {},
			[]string{"GET /user: expected call never happened"}},
		{"made too often", func(c *Calls) { c.ExpectTimes(1, "GET /user") }, func(c *Calls) { c.Record(get); c.Record(get) },
			[]string{"GET /user: called 2 times, want 1"}},
		{"must not happen", func(c *Calls) { c.ExpectTimes(0, "DELETE /token") }, func(c *Calls) { c.Record(del) },
			[]string{"DELETE /token: called 1 times, want 0"}},
		{"unrouted", func(*Calls) {}, func(c *Calls) { c.Unrouted(del) }, []string{"unexpected request DELETE /token"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c Calls
			tt.expect(&c)
			tt.do(&c)
			r := &recorder{TB: t}
			c.Verify(r)
			if !reflect.DeepEqual(r.errs, tt.want) {
				t.Errorf("Verify reported %q, want %q", r.errs, tt.want)
			}
		})
	}
}
