package scanner

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/secretsweep/secretsweep/scanner/engine"
)

// Every finding of every gitleaks default rule (generic-api-key included)
// stays at medium or above with the scorer scans use, whatever its file or
// path and any value that could be a credential: the default threshold
// keeps gitleaks parity. The one exception, values that provably hold none
// (pure filler here; see scanner/confidence/inert.go), is low for every rule.
func TestGitleaksDefaultRulesNeverBelowMedium(t *testing.T) {
	cfg, err := engine.DefaultConfig()
	if err != nil {
		t.Fatal(err)
	}
	s := Scorer()
	n := 0
	for id, r := range cfg.Rules {
		if slices.Contains(r.Tags, "secretsweep") {
			continue
		}
		n++
		for _, v := range []string{"AKIAIOSFODNN7EXAMPLE", "pass123", "<your-token>", "hunter22x", "xxxxxxxx", "12345678"} {
			inert := v == "xxxxxxxx" || v == "12345678" || v == "<your-token>" // filler characters, filler words
			for _, file := range []string{"tests/fixtures/.env", "docs/README.md", "package-lock.json", "src/mock_test.go"} {
				f := finding.Finding{RuleID: id, File: file, Secret: v, Match: "key = " + v, Tags: slices.Clone(r.Tags)}
				if c, score := s.Score(&f); c.AtLeast(finding.ConfidenceMedium) == inert {
					t.Fatalf("%s: %q in %s scored %s (%d)", id, v, file, c, score)
				}
			}
		}
	}
	if n < 100 || !engine.IsDefaultRule("generic-api-key") {
		t.Fatalf("only %d gitleaks default rules", n)
	}
}

func TestScanMinConfidenceOption(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "tests"), 0o755); err != nil {
		t.Fatal(err)
	}
	// A made-up value of medium strength: medium as a password, low as a
	// .NET PublicKeyToken (a public identity).
	for p, line := range map[string]string{".env": "DB_PASSWORD=Qz7mK2pLx9\n", "tests/.env": "PublicKeyToken=0123abcd4567ef89\n"} {
		if err := os.WriteFile(filepath.Join(dir, p), []byte(line), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		min    finding.Confidence
		files  []string
		hidden int
		err    string
	}{
		{"", []string{".env"}, 1, ""},
		{finding.ConfidenceLow, []string{".env", "tests/.env"}, 0, ""},
		{finding.ConfidenceHigh, nil, 2, ""},
		{"bogus", nil, 0, `min confidence: "bogus" is not high, medium or low`},
	} {
		res, err := Scan(context.Background(), Options{Path: dir, MinConfidence: tc.min})
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%q: error %v, want %q", tc.min, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		var files []string
		for _, f := range res.Findings {
			files = append(files, f.File)
			if !f.Confidence.Valid() || f.ConfidenceScore == 0 {
				t.Errorf("%q: %s not scored", tc.min, f.File)
			}
		}
		want := finding.DefaultMinConfidence
		if tc.min != "" {
			want = tc.min
		}
		if !slices.Equal(files, tc.files) || res.Stats.BelowConfidence != tc.hidden || res.Stats.MinConfidence != want || len(res.Withheld) != tc.hidden {
			t.Errorf("%q: files %v, hidden %d at %s, withheld %d; want %v, %d at %s", tc.min, files, res.Stats.BelowConfidence,
				res.Stats.MinConfidence, len(res.Withheld), tc.files, tc.hidden, want)
		}
	}
}
