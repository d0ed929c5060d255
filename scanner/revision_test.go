package scanner

import (
	"testing"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
)

// TestResolveCommit checks the in-house revision resolver against go-git's
// parser on hashes, branches, tags and ancestry suffixes.
func TestResolveCommit(t *testing.T) {
	g := newGitFixture(t)
	c1 := g.commit("one", map[string]string{"a.txt": "1\n"})
	c2 := g.commit("two", map[string]string{"a.txt": "2\n"})
	side := g.commit("side", map[string]string{"b.txt": "b\n"}, c1)
	merge := g.commit("merge", map[string]string{"c.txt": "c\n"}, c2, side)
	if _, err := g.repo.CreateTag("v1", c1, &git.CreateTagOptions{Message: "annotated"}); err != nil {
		t.Fatal(err)
	}
	if _, err := g.repo.CreateTag("light", c2, nil); err != nil {
		t.Fatal(err)
	}
	r, err := openScanRepo(g.dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.close()
	for _, tc := range []struct {
		rev  string
		want plumbing.Hash
	}{
		{"HEAD", merge},
		{"@", merge},
		{merge.String(), merge},
		{"HEAD~1", c2},
		{"HEAD^", c2},
		{"HEAD^2", side},
		{"HEAD^2~1", c1},
		{"HEAD~2", c1},
		{"HEAD^0", merge},
		{"v1", c1},
		{"refs/tags/v1", c1},
		{"light~1", c1},
		{c2.String()[:10], c2}, // short hash: go-git's parser
	} {
		got, err := resolveCommit(r, tc.rev)
		if err != nil || got != tc.want {
			t.Errorf("%s: got %s, %v; want %s", tc.rev, got, err, tc.want)
		}
	}
	for _, rev := range []string{"HEAD~9", "HEAD^3", "nope", "0123456789012345678901234567890123456789"} {
		if got, err := resolveCommit(r, rev); err == nil {
			t.Errorf("%s: got %s, want an error", rev, got)
		}
	}
}
