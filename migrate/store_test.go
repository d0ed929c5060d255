package migrate

import (
	"encoding/json"
	"testing"
)

func TestSecretHolds(t *testing.T) {
	plain := &Secret{Name: "p/A", Plain: "v1"}
	group := &Secret{Name: "p/f", Keys: map[string]string{"A": "v1", "B": "v2"}}
	for _, tc := range []struct {
		s      *Secret
		stored string
		want   bool
	}{
		{plain, "v1", true},
		{plain, "v2", false},
		{plain, `{"A":"v1"}`, false},
		{group, `{"A":"v1","B":"v2"}`, true},
		{group, `{"B":"v2","A":"v1","C":"other"}`, true}, // a superset: an earlier run stored more keys
		{group, `{"A":"v1"}`, false},
		{group, `{"A":"v1","B":"changed"}`, false},
		{group, `{"A":"v1","B":2}`, false},
		{group, `not json`, false},
	} {
		if got := tc.s.holds(tc.stored); got != tc.want {
			t.Errorf("%s holds %q = %v, want %v", tc.s.Name, tc.stored, got, tc.want)
		}
	}
	if group.Value() != `{"A":"v1","B":"v2"}` {
		t.Errorf("grouped value %s is not canonical JSON", group.Value())
	}
	var m map[string]string
	if err := json.Unmarshal([]byte(group.mergedInto(`{"A":"old","C":"keep"}`)), &m); err != nil || m["A"] != "v1" || m["B"] != "v2" || m["C"] != "keep" {
		t.Errorf("merged = %v (%v)", m, err)
	}
}

func TestTagValue(t *testing.T) {
	if got := tagValue("https://x.example/a b?c=d#e"); got != "https://x.example/a b_c=d_e" {
		t.Errorf("tagValue = %q", got)
	}
	long := make([]byte, 300)
	for i := range long {
		long[i] = 'a'
	}
	if len(tagValue(string(long))) != 256 {
		t.Error("tag value not cut at 256")
	}
}
