package hook

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// mapResolver peels names through a fixed table; names missing from it are
// not in the repository.
type mapResolver map[string]string

func (m mapResolver) PeelCommit(rev string) (string, bool, error) {
	if rev == "boom" {
		return "", false, errors.New("corrupt object")
	}
	h, ok := m[rev]
	return h, ok, nil
}

func TestHookPlan(t *testing.T) {
	sha := func(c string) string { return strings.Repeat(c, 40) }
	z := sha("0")
	res := mapResolver{
		sha("1"): sha("1"), sha("2"): sha("2"), sha("3"): sha("3"), sha("4"): sha("4"),
		sha("7"): sha("1"), // annotated tag of commit 1
	}
	tests := []struct {
		name    string
		updates []Update
		want    []Target
	}{
		{name: "nothing", updates: nil, want: nil},
		{
			name:    "existing branch",
			updates: []Update{{"refs/heads/main", sha("2"), "refs/heads/main", sha("1")}},
			want:    []Target{{Include: []string{sha("2")}, Exclude: []string{sha("1")}}},
		},
		{
			name:    "new branch",
			updates: []Update{{"refs/heads/f", sha("2"), "refs/heads/f", z}},
			want:    []Target{{Include: []string{sha("2")}, ExcludeRemotes: true}},
		},
		{
			name:    "deleted branch is ignored",
			updates: []Update{{"(delete)", z, "refs/heads/old", sha("1")}},
			want:    nil,
		},
		{
			name:    "remote value unknown locally is treated as new",
			updates: []Update{{"refs/heads/main", sha("2"), "refs/heads/main", sha("9")}},
			want:    []Target{{Include: []string{sha("2")}, ExcludeRemotes: true}},
		},
		{
			name:    "annotated tag is peeled",
			updates: []Update{{"refs/tags/v1", sha("7"), "refs/tags/v1", z}},
			want:    []Target{{Include: []string{sha("1")}, ExcludeRemotes: true}},
		},
		{
			name:    "tag of a blob has no commits",
			updates: []Update{{"refs/tags/blob", sha("8"), "refs/tags/blob", z}},
			want:    nil,
		},
		{
			name: "several refs: existing, new and deleted",
			updates: []Update{
				{"refs/heads/main", sha("2"), "refs/heads/main", sha("1")},
				{"refs/heads/dev", sha("4"), "refs/heads/dev", sha("3")},
				{"refs/heads/f", sha("4"), "refs/heads/f", z},
				{"(delete)", z, "refs/heads/old", sha("3")},
			},
			want: []Target{
				{Include: []string{sha("2"), sha("4")}, Exclude: []string{sha("1"), sha("3")}},
				{Include: []string{sha("4")}, Exclude: []string{sha("1"), sha("3")}, ExcludeRemotes: true},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Plan(tt.updates, res)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Plan = %+v\nwant   %+v", got, tt.want)
			}
		})
	}
	t.Run("resolver error", func(t *testing.T) {
		_, err := Plan([]Update{{"refs/heads/main", "boom", "refs/heads/main", z}}, res)
		if err == nil {
			t.Fatal("want error")
		}
	})
}
