package scanner

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// fakeToken returns the i-th of a family of distinct, obviously fake GitHub
// tokens (ghp_FAKE and 32 letters and digits).
func fakeToken(i int) string {
	const alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	b := []byte("ghp_FAKE")
	x := uint32(i)*2654435761 + 1
	for j := 0; j < 32; j++ {
		x = x*1103515245 + 12345
		b = append(b, alnum[(x>>16)%uint32(len(alnum))])
	}
	return string(b)
}

// TestScanCapsFindingsPerFile checks a file holding more findings than the
// cap gives the cap's worth and a warning naming it, and other files are
// unaffected, in a working tree and in history.
func TestScanCapsFindingsPerFile(t *testing.T) {
	var many strings.Builder
	for i := 0; i < DefaultMaxFindingsPerFile+500; i++ {
		fmt.Fprintf(&many, "tok%d = %q\n", i, fakeToken(i))
	}
	files := map[string]string{"many.txt": many.String(), "one.txt": "tok = \"" + fakeGitHubPAT + "\"\n"}
	check := func(t *testing.T, res *Result) {
		t.Helper()
		per := map[string]int{}
		for _, f := range res.Findings {
			per[f.File]++
		}
		if per["many.txt"] != DefaultMaxFindingsPerFile || per["one.txt"] != 1 {
			t.Errorf("findings per file %v, want %d in many.txt and 1 in one.txt", per, DefaultMaxFindingsPerFile)
		}
		warned := false
		for _, w := range res.Stats.Warnings {
			warned = warned || strings.Contains(w, "many.txt") && strings.Contains(w, fmt.Sprint(DefaultMaxFindingsPerFile))
		}
		if !warned {
			t.Errorf("no warning names many.txt and the cap: %q", res.Stats.Warnings)
		}
	}
	t.Run("dir", func(t *testing.T) {
		check(t, scanDir(t, writeTree(t, files), Options{}))
	})
	t.Run("history", func(t *testing.T) {
		g := newGitFixture(t)
		g.commit("add", files)
		res, err := Scan(context.Background(), Options{Path: g.dir, Mode: ModeHistory, MaxDecodeDepth: 5})
		if err != nil {
			t.Fatal(err)
		}
		check(t, res)
	})
	t.Run("history, lines added to a file", func(t *testing.T) {
		g := newGitFixture(t)
		g.commit("start", map[string]string{"many.txt": "first\nlast\n", "one.txt": "x\n"})
		edited := map[string]string{"many.txt": "first\n" + files["many.txt"] + "last\n", "one.txt": files["one.txt"]}
		g.commit("add", edited)
		res, err := Scan(context.Background(), Options{Path: g.dir, Mode: ModeHistory, MaxDecodeDepth: 5})
		if err != nil {
			t.Fatal(err)
		}
		check(t, res)
	})
	t.Run("no limit", func(t *testing.T) {
		res := scanDir(t, writeTree(t, files), Options{MaxFindingsPerFile: -1})
		if len(res.Findings) != DefaultMaxFindingsPerFile+501 || len(res.Stats.Warnings) != 0 {
			t.Errorf("%d findings, warnings %q; want all %d", len(res.Findings), res.Stats.Warnings, DefaultMaxFindingsPerFile+501)
		}
	})
}

func TestCollapseWarnings(t *testing.T) {
	got := collapseWarnings([]string{"a", "b", "a", "c", "a"})
	if want := []string{"a (3 times)", "b", "c"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
