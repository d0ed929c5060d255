package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// plainPrefixes returns the unkeyed SHA-256 of each fixture secret, in full
// and cut to 12 hex digits (the length of a short hash in messages).
func plainPrefixes() map[string]string {
	out := map[string]string{}
	for _, f := range fixtureFindings() {
		sum := sha256.Sum256([]byte(f.Secret))
		h := hex.EncodeToString(sum[:])
		out[f.RuleID+" sha256"] = h
		out[f.RuleID+" sha256[:12]"] = h[:12]
	}
	return out
}

// TestNoPlainHashInAnyFormat: no report format carries the unkeyed SHA-256
// of a secret (anyone holding a redacted report could test guesses against
// it offline), redacted or not, even for findings read from a report written
// before keyed hashes (which carry SecretSHA256).
func TestNoPlainHashInAnyFormat(t *testing.T) {
	cases := goldenCases()
	for _, c := range goldenCases() {
		old := *c.res
		old.Findings = append([]finding.Finding(nil), c.res.Findings...)
		for i := range old.Findings {
			sum := sha256.Sum256([]byte(fixtureFindings()[i].Secret))
			old.Findings[i].SecretSHA256 = hex.EncodeToString(sum[:])
		}
		cases = append(cases, goldenCase{c.name + " read from an old report", &old})
	}
	for _, c := range cases {
		for _, r := range Reporters() {
			t.Run(c.name+"/"+r.Name(), func(t *testing.T) {
				var buf bytes.Buffer
				if err := r.Write(&buf, c.res, Options{Version: "test"}); err != nil {
					t.Fatal(err)
				}
				out := strings.ToLower(buf.String())
				for what, h := range plainPrefixes() {
					if strings.Contains(out, h) {
						t.Errorf("%s report holds the %s of a secret", r.Name(), what)
					}
				}
			})
		}
	}
}
