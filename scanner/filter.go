package scanner

import (
	"slices"
	"strings"
)

func isGeneric(id string) bool { return strings.Contains(strings.ToLower(id), "generic") }

// own reports whether a finding comes from one of secretsweep's rules
// (rules/ tags them "secretsweep").
func own(f Finding) bool { return slices.Contains(f.Tags, "secretsweep") }

// preferSpecific applies gitleaks' rule that a generic finding gives way to
// a specific rule's finding of the same secret on the same line. gitleaks
// applies it within one detector call; rules here run in several, so it is
// applied again over the fragment's findings.
func preferSpecific(fs []Finding) []Finding {
	if len(fs) < 2 {
		return fs
	}
	out := fs[:0:0]
	for _, f := range fs {
		keep := true
		if isGeneric(f.RuleID) {
			for _, o := range fs {
				if o.StartLine != f.StartLine || o.RuleID == f.RuleID {
					continue
				}
				// A specific rule wins; of two generic rules reporting the
				// same secret, one is enough (gitleaks' generic-api-key
				// sorts first and is kept).
				// secretsweep's own rules do not hide gitleaks' findings,
				// so every finding gitleaks reports is reported too.
				if own(o) && !own(f) && !isGeneric(o.RuleID) {
					continue
				}
				if (!isGeneric(o.RuleID) && strings.Contains(o.Secret, f.Secret)) ||
					(isGeneric(o.RuleID) && o.Secret == f.Secret && o.RuleID < f.RuleID) {
					keep = false
					break
				}
			}
		}
		if keep {
			out = append(out, f)
		}
	}
	return out
}

// dedup drops repeated findings (the same rule, place and secret found by
// two overlapping passes).
func dedup(fs []Finding) []Finding {
	type key struct {
		rule, secret string
		line, col    int
	}
	seen := make(map[key]bool, len(fs))
	out := fs[:0]
	for _, f := range fs {
		k := key{f.RuleID, f.Secret, f.StartLine, f.StartColumn}
		if !seen[k] {
			seen[k] = true
			out = append(out, f)
		}
	}
	return out
}
