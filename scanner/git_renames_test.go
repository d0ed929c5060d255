package scanner

import (
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

// TestPairRenamesDeterministic: with several deleted files of the added
// file's base name, the pairing must not follow map order (two scans of one
// history diffed different blobs and counted different totals).
func TestPairRenamesDeterministic(t *testing.T) {
	h := func(s string) plumbing.Hash { return plumbing.ComputeHash(plumbing.BlobObject, []byte(s)) }
	deleted := map[plumbing.Hash]string{}
	for _, p := range []string{"a/README.md", "b/README.md", "docs/api/README.md", "c/README.md", "z/README.md", "y/README.md"} {
		deleted[h(p)] = p
	}
	tests := []struct {
		added, want string
	}{
		{"docs/api/v2/README.md", "a/README.md"},         // no shared directory: first in path order
		{"new/docs/api/README.md", "docs/api/README.md"}, // most shared trailing directories
		{"x/b/README.md", "b/README.md"},
	}
	for _, tt := range tests {
		for i := 0; i < 50; i++ {
			got := pairRenames([]change{{path: tt.added, new: h("new " + tt.added)}}, deleted)
			if len(got) != 1 || got[0].old != h(tt.want) {
				t.Fatalf("%s paired with %s, want %s", tt.added, deleted[got[0].old], tt.want)
			}
		}
	}
}
