package parse_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/rules"
	"github.com/secretsweep/secretsweep/rules/parse"
)

func TestSamples(t *testing.T) {
	for _, p := range parse.Registry() {
		t.Run(p.ID(), func(t *testing.T) {
			if po, ok := p.(parse.PathOnly); ok && po.PathOnly() {
				for _, s := range p.TruePositives() {
					if !p.Match(s.Path) {
						t.Errorf("path %q not matched", s.Path)
					}
				}
				for _, s := range p.FalsePositives() {
					if p.Match(s.Path) {
						t.Errorf("path %q matched", s.Path)
					}
				}
				return
			}
			for i, s := range p.TruePositives() {
				if !p.Match(s.Path) {
					t.Errorf("true positive %d: path %q not matched", i, s.Path)
					continue
				}
				var got []string
				for _, c := range parse.Run(p, s.Path, []byte(s.Text), nil) {
					got = append(got, c.Secret)
					checkPlace(t, p, i, s.Text, c)
				}
				if !slices.Equal(got, s.Secrets) {
					t.Errorf("true positive %d: secrets %q, want %q", i, got, s.Secrets)
				}
			}
			for i, s := range p.FalsePositives() {
				if !p.Match(s.Path) {
					continue
				}
				if got := parse.Run(p, s.Path, []byte(s.Text), nil); len(got) != 0 {
					t.Errorf("false positive %d reported: %+v", i, got)
				}
			}
		})
	}
}

// checkPlace checks that a candidate's line and columns hold the value as
// written: the secret itself, or its encoded form.
func checkPlace(t *testing.T, p parse.Parser, i int, text string, c parse.Candidate) {
	t.Helper()
	lines := strings.Split(text, "\n")
	if c.Line < 0 || c.Line >= len(lines) {
		t.Errorf("true positive %d: line %d out of range", i, c.Line)
		return
	}
	l := lines[c.Line]
	if c.Col < 0 || c.Len <= 0 || c.Col+c.Len > len(l) {
		t.Errorf("true positive %d: columns [%d,+%d) outside line %q", i, c.Col, c.Len, l)
		return
	}
	if !strings.HasPrefix(c.RuleID, p.ID()) {
		t.Errorf("true positive %d: rule %q is not under %q", i, c.RuleID, p.ID())
	}
	if !slices.ContainsFunc(c.Tags, func(s string) bool {
		return s == parse.TagCredFile || s == "provider" || strings.HasPrefix(s, "confidence:")
	}) {
		t.Errorf("true positive %d: no credfile, provider or confidence tag: %v", i, c.Tags)
	}
}

func TestRegistry(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range parse.Registry() {
		id := p.ID()
		switch {
		case seen[id]:
			t.Errorf("duplicate parser id %q", id)
		case !strings.HasSuffix(id, "-password") && !strings.HasSuffix(id, "-credential") && !strings.HasSuffix(id, "-key") && !strings.HasSuffix(id, "-file"):
			t.Errorf("parser id %q should say what it finds (-password, -credential, -key, -file)", id)
		case p.Description() == "":
			t.Errorf("%s: no description", id)
		case len(p.TruePositives()) < 2 || len(p.FalsePositives()) < 2:
			t.Errorf("%s: needs at least two true and two false samples", id)
		}
		seen[id] = true
	}
}

// TestSupersededRules checks which parsers share their id with a rule of
// rules/: the parser reads the rule's file kind whole and its finding
// replaces the rule's there (scanner/engine). Any other shared id is a
// mistake.
func TestSupersededRules(t *testing.T) {
	ruleIDs := map[string]bool{}
	for _, r := range rules.All() {
		ruleIDs[r.RuleID] = true
	}
	var shared []string
	for _, p := range parse.Registry() {
		s, ok := p.(parse.Superseding)
		if ruleIDs[p.ID()] != (ok && s.Supersedes()) {
			t.Errorf("%s: shares a rule's id %v, says it supersedes one %v", p.ID(), ruleIDs[p.ID()], ok)
		}
		if ruleIDs[p.ID()] {
			shared = append(shared, p.ID())
		}
	}
	slices.Sort(shared)
	if want := []string{"netrc-password", "pgpass-password"}; !slices.Equal(shared, want) {
		t.Errorf("parsers sharing a rule's id: %v, want %v", shared, want)
	}
}

// TestRunDropsHugeValues: a value longer than MaxSecretLen is data, not a
// credential, and is not run through the placeholder checks (a 20 MB
// one-line value took seconds there).
func TestRunDropsHugeValues(t *testing.T) {
	for _, n := range []int{parse.MaxSecretLen, parse.MaxSecretLen + 1} {
		text := "apiVersion: v1\nkind: Secret\nstringData:\n  password: \"" + noise(n) + "\"\n"
		got := parse.Run(parse.Registry()[kubernetesSecretIndex(t)], "k8s/secret.yaml", []byte(text), nil)
		if want := n <= parse.MaxSecretLen; (len(got) == 1) != want {
			t.Errorf("value of %d bytes: %d candidates, want reported %v", n, len(got), want)
		}
	}
}

func kubernetesSecretIndex(t *testing.T) int {
	for i, p := range parse.Registry() {
		if p.ID() == "kubernetes-secret-password" {
			return i
		}
	}
	t.Fatal("kubernetes-secret-password not registered")
	return -1
}

// noise returns n letters and digits with no repeated pattern (a linear
// congruential sequence), so no placeholder check takes them for filler.
func noise(n int) string {
	const chars = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	b := make([]byte, n)
	x := uint32(12345)
	for i := range b {
		x = x*1664525 + 1013904223
		b[i] = chars[(x>>16)%uint32(len(chars))]
	}
	return string(b)
}
