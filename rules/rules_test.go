package rules_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/detect"
	"github.com/zricethezav/gitleaks/v8/report"

	"github.com/secretsweep/secretsweep/rules"
)

// samplePaths are the files a sample of a rule limited to some paths is
// checked as: the first the rule's path matches.
var samplePaths = []string{"svc/defaults.env", "sample.js", "app/Web.config", "deploy/compose.yml", "docs/SETUP.md", "src/main/resources/application.yml", "ldap/init.ldif", "app/config/auth.config.js", "src/main/resources/applicationContext.xml", "db/seed.sql", "config/database.php", ".pypirc", "app/.vscode/settings.json", "app.js", "app/build.gradle", "infra/variables.tf", "firmware/config.h", "app/src/main/res/values/strings.xml"}

// detectOne runs text through a detector holding only r, decoding like the
// CLI does; a rule limited to some paths sees text as a file it matches.
func detectOne(r *config.Rule, text string) []report.Finding {
	cfg := config.Config{
		Rules:        map[string]config.Rule{r.RuleID: *r},
		Keywords:     map[string]struct{}{},
		OrderedRules: []string{r.RuleID},
	}
	for _, k := range r.Keywords {
		cfg.Keywords[k] = struct{}{}
	}
	d := detect.NewDetector(cfg)
	d.MaxDecodeDepth = 5
	found := d.Detect(detect.Fragment{Raw: text, FilePath: samplePath(r)})
	check := rules.Checks()[r.RuleID]
	if check == nil {
		return found
	}
	var kept []report.Finding
	for _, f := range found {
		if check(f.Match, f.Secret) {
			kept = append(kept, f)
		}
	}
	return kept
}

// samplePath is the file the samples of r are read from: for a rule
// limited to some paths, the first of samplePaths its path matches; none
// for the others.
func samplePath(r *config.Rule) string {
	if r.Path == nil {
		return ""
	}
	for _, p := range samplePaths {
		if r.Path.MatchString(p) {
			return p
		}
	}
	return ""
}

// TestPathRules checks that the rules restricted to some files do not read
// the same text in another: a YAML file, or a text file for the rules of
// YAML files.
func TestPathRules(t *testing.T) {
	n := 0
	for _, entry := range rules.Registry() {
		r := entry.Rule()
		if r.Path == nil {
			continue
		}
		n++
		other := "config/sample.yml"
		if r.Path.MatchString(other) {
			other = "docs/notes.txt"
		}
		for i, tp := range entry.TruePositives() {
			cfg := config.Config{Rules: map[string]config.Rule{r.RuleID: *r}, Keywords: map[string]struct{}{}, OrderedRules: []string{r.RuleID}}
			for _, k := range r.Keywords {
				cfg.Keywords[k] = struct{}{}
			}
			if found := detect.NewDetector(cfg).Detect(detect.Fragment{Raw: tp, FilePath: other}); len(found) != 0 {
				t.Errorf("%s: true positive %d reported in %s: %q", r.RuleID, i, other, tp)
			}
		}
	}
	if n == 0 {
		t.Error("no rule is restricted to source files (generic-secret-code-object is)")
	}
}

func TestSamples(t *testing.T) {
	for _, entry := range rules.Registry() {
		r := entry.Rule()
		t.Run(r.RuleID, func(t *testing.T) {
			for i, tp := range entry.TruePositives() {
				found := detectOne(r, tp)
				if len(found) == 0 {
					t.Errorf("true positive %d not found: %q", i, tp)
				}
				for _, f := range found {
					if !containsKeyword(f.Match, r.Keywords) {
						t.Errorf("true positive %d: match %q holds none of the keywords %v", i, f.Match, r.Keywords)
					}
				}
			}
			// Files written on Windows end lines with CRLF: every true
			// positive gives the same secrets (no stray quote or \r).
			for i, tp := range entry.TruePositives() {
				lf, crlf := secretsOf(detectOne(r, tp)), secretsOf(detectOne(r, strings.ReplaceAll(tp, "\n", "\r\n")))
				if strings.Join(lf, "\x00") != strings.Join(crlf, "\x00") {
					t.Errorf("true positive %d with CRLF line ends: secrets %q, with LF %q", i, crlf, lf)
				}
			}
			for i, fp := range entry.FalsePositives() {
				if found := detectOne(r, fp); len(found) != 0 {
					t.Errorf("false positive %d reported (secret %q): %q", i, found[0].Secret, fp)
				}
			}
		})
	}
}

// secretsOf lists the secrets of findings, trimmed of a final CR that a
// whole-line match keeps (gitleaks trims only the LF).
func secretsOf(fs []report.Finding) []string {
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		out = append(out, strings.TrimSuffix(f.Secret, "\r"))
	}
	return out
}

func containsKeyword(match string, kws []string) bool {
	if len(kws) == 0 {
		return true
	}
	m := strings.ToLower(match)
	for _, k := range kws {
		if strings.Contains(m, k) {
			return true
		}
	}
	return false
}

func TestRegistry(t *testing.T) {
	gitleaksIDs := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^id = "([^"]+)"`).FindAllStringSubmatch(config.DefaultConfig, -1) {
		gitleaksIDs[m[1]] = true
	}
	if len(gitleaksIDs) < 100 {
		t.Fatalf("parsed only %d gitleaks rule ids", len(gitleaksIDs))
	}
	seen := map[string]bool{}
	for _, entry := range rules.Registry() {
		r := entry.Rule()
		id := r.RuleID
		switch {
		case id == "":
			t.Errorf("rule with empty id: %s", r.Description)
		case seen[id]:
			t.Errorf("duplicate rule id %q", id)
		case gitleaksIDs[id]:
			t.Errorf("rule id %q clashes with a gitleaks default rule", id)
		}
		seen[id] = true
		if len(entry.TruePositives()) < 2 || len(entry.FalsePositives()) < 2 {
			t.Errorf("%s: want at least 2 true and 2 false positive samples, have %d and %d",
				id, len(entry.TruePositives()), len(entry.FalsePositives()))
		}
		if r.Regex == nil || r.Description == "" {
			t.Errorf("%s: missing regex or description", id)
		}
		for _, k := range r.Keywords {
			if k != strings.ToLower(k) {
				t.Errorf("%s: keyword %q is not lower case", id, k)
			}
		}
		if len(r.Allowlists) < 2 {
			t.Errorf("%s: the shared placeholder allowlists are missing", id)
		}
	}
	if got := len(rules.All()); got != len(rules.Registry()) {
		t.Errorf("All() has %d rules, Registry() %d", got, len(rules.Registry()))
	}
}

// TestPlaceholderAllowlistsAreShared guards memory: every rule carries the
// same placeholder allowlists (each holds a stop-word trie), not a copy.
func TestPlaceholderAllowlistsAreShared(t *testing.T) {
	reg := rules.Registry()
	first := reg[0].Rule().Allowlists
	if len(first) < 3 {
		t.Fatalf("first rule has %d allowlists", len(first))
	}
	want := first[len(first)-3:]
	for _, entry := range reg {
		al := entry.Rule().Allowlists
		if len(al) < 3 {
			t.Fatalf("%s: %d allowlists", entry.Rule().RuleID, len(al))
		}
		for i, a := range al[len(al)-3:] {
			if a != want[i] {
				t.Errorf("%s: placeholder allowlist %d is a private copy", entry.Rule().RuleID, i)
			}
		}
	}
}
