package rules

import (
	"slices"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// Tags that steer scanner/confidence are well formed: "confidence:<level>"
// names a level, and a rule is provider-shaped or reads credential files,
// not both.
func TestConfidenceTags(t *testing.T) {
	classified := 0
	for _, r := range All() {
		for _, tag := range r.Tags {
			if l, ok := strings.CutPrefix(tag, "confidence:"); ok {
				if _, err := finding.ParseConfidence(l); err != nil {
					t.Errorf("%s: tag %q: %v", r.RuleID, tag, err)
				}
			}
		}
		p, c := slices.Contains(r.Tags, "provider"), slices.Contains(r.Tags, "credfile")
		if p && c {
			t.Errorf("%s is tagged both provider and credfile", r.RuleID)
		}
		if p || c {
			classified++
		}
	}
	if classified == 0 {
		t.Error("no rule is tagged provider or credfile")
	}
}
