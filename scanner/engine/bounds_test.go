package engine

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/zricethezav/gitleaks/v8/config"
)

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
	e := New(cfg, Options{MaxDecodeDepth: 5})
	const n = 4000
	text := "x " + tokenLine(n, " ") + "\n"
	var found []finding.Finding
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
	e := New(cfg, Options{MaxDecodeDepth: 5})
	pad := strings.Repeat("日本語", 2000) // 18 KB, 3 bytes a rune
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

// unsplit returns an engine for cfg that hands every span to the detector
// whole, as the engine did before pieces: the reference for pieces.
func unsplit(cfg config.Config, opts Options) Engine {
	e := New(cfg, opts).(*gitleaksEngine)
	e.lim = limits{piece: 1 << 40, longLine: 1 << 40, chunk: 1 << 40, quote: 1 << 40}
	return e
}

// piecesCorpus builds texts of the shapes pieces cut: long lines of
// tokens, assignments, encoded secrets, JWTs and one-line private keys,
// mixed with ordinary lines, and large spans of short lines.
func piecesCorpus(rng *rand.Rand, n int) map[string]string {
	key := "-----BEGIN PRIVATE KEY-----\\n" + strings.Repeat("MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\\n", 24) + "-----END PRIVATE KEY-----\\n"
	jwt := "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ" + strings.Repeat("zdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkZBS0UiLCJpYXQiOjE1MTYyMzkwMjJ9", 12) + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
	segments := []func(i int) string{
		func(i int) string { return "tok=\"" + fakeToken(i) + "\"" },
		func(i int) string { return fakeToken(i) },
		func(i int) string { return "\"api_key\": \"" + fakeToken(i)[4:] + "\"" },
		func(i int) string { return "password = FAKEpw" + fakeToken(i)[10:30] },
		func(i int) string { return "blob=" + b64("token "+fakeToken(i)) },
		func(i int) string { return "{\"private_key\": \"" + key + "\"}" },
		func(i int) string { return "\n" + strings.ReplaceAll(key, "\\n", "\n") },
		func(i int) string {
			return "curl -s \\\n  -u admin:FAKEpw" + fakeToken(i)[10:20] + " https://example.com/"
		},
		func(i int) string { return "Authorization: Bearer " + jwt },
		func(i int) string { return "slack " + fakeSlackBot },
		func(i int) string { return "aws_access_key_id=" + fakeAWSKeyID },
		func(i int) string { return "the quick brown fox jumps over the lazy dog" },
		func(i int) string { return strings.Repeat("日本語", 40) },
		func(i int) string { return strings.Repeat("x", 600) },
	}
	seps := []string{" ", " ", ", ", ";", "", "\t", "\n", "\n\n"}
	out := map[string]string{}
	for k := 0; k < n; k++ {
		var b strings.Builder
		size := 2000 + rng.IntN(16000)
		for i := 0; b.Len() < size; i++ {
			b.WriteString(segments[rng.IntN(len(segments))](rng.IntN(1 << 20)))
			sep := seps[rng.IntN(len(seps))]
			if k%3 == 0 && sep != "\n" && rng.IntN(8) == 0 {
				sep = "\n" // a third of the texts: mostly short lines
			}
			b.WriteString(sep)
		}
		out[fmt.Sprintf("random-%d", k)] = b.String()
	}
	var blob strings.Builder
	for i := 0; blob.Len() < 30<<10; i++ {
		blob.WriteString("tok=\"" + fakeToken(i) + "\"\n")
	}
	out["a 53 KB base64 blob, twice encoded, on a long line"] = strings.Repeat("pad, ", 4000) + "data: " + b64(b64(blob.String())) + " end\n"
	out["allow on a long line"] = strings.Repeat("pad ", 2000) + "tok=" + fakeGitHubPAT + " # gitleaks:allow\nnext=" + fakeGitHubPAT + "\n"
	out["keyword line then value, many times"] = strings.Repeat("password =\n  \""+fakeToken(7)[8:]+"\"\nfiller line\n", 700)
	return out
}

// TestPiecesMatchUnsplitScans is the differential check of pieces: on long
// lines and large spans, cut with the default sizes and with tiny ones,
// the engine finds what it finds when it hands every span to the detector
// whole.
func TestPiecesMatchUnsplitScans(t *testing.T) {
	cfg, err := DefaultConfig()
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{MaxDecodeDepth: 5}
	ref := unsplit(cfg, opts)
	tiny := New(cfg, opts).(*gitleaksEngine)
	tiny.lim = limits{piece: 2 << 10, longLine: 1 << 10, chunk: 1 << 10, lead: 64, tail: tailBytes, quote: quoteBytes, escalate: escalateBy, escalations: 1 << 20}
	engines := map[string]Engine{"default": New(cfg, opts), "tiny": tiny}
	for name, text := range piecesCorpus(rand.New(rand.NewPCG(3, 4)), 8) {
		frag := Fragment{Path: "f.txt", Text: text, StartLine: 1}
		want := findingKeys(ref.Scan(context.Background(), frag))
		start := func(key string) string { // rule@line:column
			at := strings.IndexByte(key, '@')
			return key[:at+strings.IndexByte(key[at:], '-')]
		}
		at := map[string]bool{}
		for _, k := range want {
			at[start(k)] = true
		}
		for en, e := range engines {
			got := findingKeys(e.Scan(context.Background(), frag))
			if missing := minus(want, got); len(missing) > 0 {
				t.Errorf("%s, %s sizes: %d findings, %d missing %v", name, en, len(want), len(missing), missing)
			}
			// A piece may find a little more, as windows do: in the whole
			// text an earlier match (curl's .* runs to the line's end) can
			// consume text a later one needs. But a match found where
			// the whole scan finds another (cut short, say) is wrong.
			for _, k := range minus(got, want) {
				if at[start(k)] {
					t.Errorf("%s, %s sizes: %s differs from the whole scan's finding there", name, en, k)
				} else {
					t.Logf("%s, %s sizes: also finds %s", name, en, k)
				}
			}
		}
	}
}
