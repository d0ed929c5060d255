package audit

import (
	"slices"
	"strconv"
	"strings"
	"testing"
)

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
