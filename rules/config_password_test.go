package rules_test

import (
	"testing"

	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/detect"

	"github.com/secretsweep/secretsweep/rules"
)

// TestConfigPasswordPaths: generic-secret-config-word reads an
// application's own config files, not their templates, UI text, CI
// workflows or source code.
func TestConfigPasswordPaths(t *testing.T) {
	var r *config.Rule
	for _, e := range rules.Registry() {
		if e.Rule().RuleID == "generic-secret-config-word" {
			r = e.Rule()
		}
	}
	if r == nil {
		t.Fatal("generic-secret-config-word is not registered")
	}
	cfg := config.Config{Rules: map[string]config.Rule{r.RuleID: *r}, Keywords: map[string]struct{}{}, OrderedRules: []string{r.RuleID}}
	for _, k := range r.Keywords {
		cfg.Keywords[k] = struct{}{}
	}
	const line = "  password: zork_pass\n"
	for _, tc := range []struct {
		path string
		want bool
	}{
		{"src/main/resources/application.yml", true},
		{"src/main/resources/application-dev.yaml", true},
		{"src/main/resources/bootstrap.yml", true},
		{"config-repo/redis-cache.properties", true},
		{"charts/db/values.yaml", true},
		{"deploy/values-prod.yaml", true},
		{"config.yaml", true},
		{"configs/server.yml", true},
		{"src/main/resources/application-example.yml", false},
		{"config.sample.yaml", false},
		{"src/main/resources/messages.properties", false},
		{"src/main/resources/i18n/messages_de.properties", false},
		{"config/locales/en.yml", false},
		{".github/workflows/config.yml", false},
		{"docker-compose.yml", false},
		{"README.md", false},
		{"app/settings.py", false},
	} {
		got := len(detect.NewDetector(cfg).Detect(detect.Fragment{Raw: line, FilePath: tc.path})) > 0
		if got != tc.want {
			t.Errorf("%s: reported = %v, want %v", tc.path, got, tc.want)
		}
	}
}
