package engine

import (
	"slices"
	"strings"

	"github.com/secretsweep/secretsweep/internal/finding"
)

func isGeneric(id string) bool { return strings.Contains(strings.ToLower(id), "generic") }

// own reports whether a finding comes from one of secretsweep's rules
// (rules/ tags them "secretsweep").
func own(f *finding.Finding) bool { return slices.Contains(f.Tags, "secretsweep") }

// preferSpecific applies gitleaks' rule that a generic finding gives way to
// a specific rule's finding of the same secret on the same line. gitleaks
// applies it within one detector call; rules here run in several, so it is
// applied again over the fragment's findings. Findings are indexed by line
// and secret, so a line of thousands of findings is not compared pairwise
// (only a generic secret that no finding on its line equals is compared
// with the longer specific secrets of its line).
func preferSpecific(fs []finding.Finding) []finding.Finding {
	if len(fs) < 2 || !slices.ContainsFunc(fs, func(f finding.Finding) bool { return isGeneric(f.RuleID) }) {
		return fs
	}
	type lineSecret struct {
		line   int
		secret string
	}
	same := map[lineSecret][]int{}
	specific := map[int][]int{} // non-generic findings by line
	for i := range fs {
		f := &fs[i]
		k := lineSecret{f.StartLine, f.Secret}
		same[k] = append(same[k], i)
		if !isGeneric(f.RuleID) {
			specific[f.StartLine] = append(specific[f.StartLine], i)
		}
	}
	// yields reports whether generic finding f gives way to o, another
	// rule's finding on its line. A specific rule wins; of two generic
	// rules reporting the same secret, one is enough (gitleaks'
	// generic-api-key sorts first and is kept). secretsweep's own rules do
	// not hide gitleaks' findings, so every finding gitleaks reports is
	// reported too.
	yields := func(f, o *finding.Finding) bool {
		if isGeneric(o.RuleID) {
			return o.Secret == f.Secret && o.RuleID < f.RuleID
		}
		return !(own(o) && !own(f)) && strings.Contains(o.Secret, f.Secret)
	}
	drop := make([]bool, len(fs))
	for i := range fs {
		f := &fs[i]
		if !isGeneric(f.RuleID) {
			continue
		}
		for _, j := range same[lineSecret{f.StartLine, f.Secret}] {
			if o := &fs[j]; o.RuleID != f.RuleID && yields(f, o) {
				drop[i] = true
				break
			}
		}
		if drop[i] {
			continue
		}
		for _, j := range specific[f.StartLine] {
			if o := &fs[j]; o.RuleID != f.RuleID && len(o.Secret) > len(f.Secret) && yields(f, o) {
				drop[i] = true
				break
			}
		}
	}
	out := fs[:0]
	for i := range fs {
		if !drop[i] {
			out = append(out, fs[i])
		}
	}
	return out
}

// dedup drops repeated findings (the same rule, place and secret found by
// two overlapping passes).
func dedup(fs []finding.Finding) []finding.Finding {
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
