package scanner

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"
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

// tokenLine is one line holding n distinct fake tokens, sep between them.
func tokenLine(n int, sep string) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(`tok="` + fakeToken(i) + `"` + sep)
	}
	return b.String()
}

// allocated returns the bytes fn allocates.
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestLongLineIsBounded scans one line holding thousands of tokens: every
// token is found once, each finding quotes a bounded part of the line
// around its match, and what the scan allocates grows with the line, not
// with its square (it used to copy the whole line into every finding).
func TestLongLineIsBounded(t *testing.T) {
	cfg, err := DefaultConfig()
	if err != nil {
		t.Fatal(err)
	}
	e := NewEngine(cfg, EngineOptions{MaxDecodeDepth: 5})
	const n = 4000
	text := "x " + tokenLine(n, " ") + "\n"
	var found []Finding
	alloc := allocated(func() {
		found = e.Scan(context.Background(), Fragment{Path: "long.txt", Text: text, StartLine: 1})
	})
	seen := map[string]bool{}
	wide, misplaced := 0, 0
	for _, f := range found {
		if f.RuleID != "github-pat" {
			continue
		}
		seen[f.Secret] = true
		if !strings.Contains(f.Line, f.Match) || len(f.Line) > len(f.Match)+2*quoteBytes {
			wide++
		}
		if col := strings.Index(text, f.Match) + 1; f.StartLine != 1 || f.StartColumn != col {
			misplaced++
		}
	}
	if wide+misplaced > 0 {
		t.Errorf("%d findings quote too much of their line, %d are misplaced", wide, misplaced)
	}
	if len(seen) != n {
		t.Errorf("found %d distinct tokens, want %d", len(seen), n)
	}
	// The line is 200 KB. Detecting a match allocates a few kilobytes
	// (gitleaks' entropy and allowlist checks); copying the line into each
	// finding made it 190 KB a finding here, and growing with the line.
	if limit := uint64(16<<10*n + 8<<20); alloc > limit {
		t.Errorf("scan allocated %d MB, want under %d MB", alloc>>20, limit>>20)
	}
}

// TestLineQuoteCutsOnRunes checks the quoted part of a long line of
// multi-byte characters is valid UTF-8 and holds the match.
func TestLineQuoteCutsOnRunes(t *testing.T) {
	cfg, err := DefaultConfig()
	if err != nil {
		t.Fatal(err)
	}
	e := NewEngine(cfg, EngineOptions{MaxDecodeDepth: 5})
	pad := strings.Repeat("日本語", 700) // 6.3 KB, 3 bytes a rune
	for _, text := range []string{
		pad + " tok=" + fakeGitHubPAT + " " + pad + "\n",
		"ä" + pad + "tok=" + fakeGitHubPAT + "ö" + pad,
	} {
		found := e.Scan(context.Background(), Fragment{Path: "runes.txt", Text: text, StartLine: 1})
		if len(found) == 0 {
			t.Fatal("no finding")
		}
		for _, f := range found {
			if !utf8.ValidString(f.Line) || !strings.Contains(f.Line, f.Match) || len(f.Line) > len(f.Match)+2*quoteBytes {
				t.Errorf("%s: quote of %d bytes, valid UTF-8 %v", f.RuleID, len(f.Line), utf8.ValidString(f.Line))
			}
		}
	}
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
}
