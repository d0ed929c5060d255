package confidence

import (
	"testing"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// TestApplyStackDefault: the default word in code or docs is low unless a
// configuration file of the scan sets it too (then it is the password the
// stack runs with); in configuration files it keeps its level.
func TestApplyStackDefault(t *testing.T) {
	own := []string{"secretsweep"}
	gen := func(rule, file, key, v string) finding.Finding {
		return finding.Finding{RuleID: rule, Tags: own, File: file, Match: key + v, Secret: v}
	}
	docs := gen("generic-secret-code", "docs/setup.md", "'password' => '", "secret")
	env := gen("generic-secret-env", ".env.example", "DB_PASSWORD=", "secret")
	yml := gen("generic-secret-yaml", "playbooks/vars.yml", "  password: ", "secret")
	spec := gen("generic-secret-code", "test/models/user_test.rb", `user.password = "`, "secret")
	readme := gen("generic-secret-code", "README.md", `password: "`, "secret")
	other := gen("generic-secret-code", "docs/setup.md", "'password' => '", "gnome4711")
	jwt := gen("generic-secret-code", "config/keys.js", "   jwt_secret: '", "secret")
	for _, tc := range []struct {
		name string
		fs   []finding.Finding
		want []finding.Confidence
	}{
		{"docs alone", []finding.Finding{docs}, []finding.Confidence{finding.ConfidenceLow}},
		{"docs and the stack's env", []finding.Finding{docs, env},
			[]finding.Confidence{finding.ConfidenceMedium, finding.ConfidenceMedium}},
		{"config alone", []finding.Finding{yml}, []finding.Confidence{finding.ConfidenceMedium}},
		{"a test and an API example", []finding.Finding{spec, readme},
			[]finding.Confidence{finding.ConfidenceLow, finding.ConfidenceLow}},
		{"another weak word in docs", []finding.Finding{other}, []finding.Confidence{finding.ConfidenceMedium}},
		{"a JWT key in a config module", []finding.Finding{jwt}, []finding.Confidence{finding.ConfidenceMedium}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := append([]finding.Finding{}, tc.fs...)
			Scorer{}.Apply(fs)
			for i, f := range fs {
				if f.Confidence != tc.want[i] {
					t.Errorf("%s: %s (%d), want %s", f.File, f.Confidence, f.ConfidenceScore, tc.want[i])
				}
			}
		})
	}
}
