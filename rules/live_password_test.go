package rules_test

import (
	"testing"

	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/detect"

	"github.com/secretsweep/secretsweep/rules"
)

// TestLivePasswordPaths: generic-secret-live-password reads the files a
// stack runs with, not their templates or other files.
func TestLivePasswordPaths(t *testing.T) {
	checkRulePaths(t, "generic-secret-live-password", "MYSQL_PASSWORD=mysecretpassword\n", []pathCase{
		{".env", true},
		{"deploy/.env.production", true},
		{"docker/prod.env", true},
		{"docker-compose.yml", true},
		{"stack/compose.override.yaml", true},
		{"docker/docker-support.yml", true},
		{"deploy/stack.yml", true},
		{".github/workflows/docker-publish.yml", false},
		{".env.example", false},
		{"example.env", false},
		{"docker/mysql.env.dist", false},
		{"docker-compose.sample.yml", false},
		{"templates/compose.tmpl.yml", false},
		{"README.md", false},
		{"config/settings.py", false},
	})
}

// pathCase is a path and whether a rule reads it.
type pathCase struct {
	path string
	want bool
}

// checkRulePaths checks that the rule id reports line in exactly the
// files of cases that want it.
func checkRulePaths(t *testing.T, id, line string, cases []pathCase) {
	t.Helper()
	var r *config.Rule
	for _, e := range rules.Registry() {
		if e.Rule().RuleID == id {
			r = e.Rule()
		}
	}
	if r == nil {
		t.Fatalf("%s is not registered", id)
	}
	cfg := config.Config{Rules: map[string]config.Rule{r.RuleID: *r}, Keywords: map[string]struct{}{}, OrderedRules: []string{r.RuleID}}
	for _, k := range r.Keywords {
		cfg.Keywords[k] = struct{}{}
	}
	for _, tc := range cases {
		got := len(detect.NewDetector(cfg).Detect(detect.Fragment{Raw: line, FilePath: tc.path})) > 0
		if got != tc.want {
			t.Errorf("%s: reported = %v, want %v", tc.path, got, tc.want)
		}
	}
}
