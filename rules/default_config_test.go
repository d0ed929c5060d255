package rules_test

import (
	"testing"

	"github.com/secretsweep/secretsweep/rules"
	"github.com/secretsweep/secretsweep/scanner"
)

// TestDefaultConfigLoads checks that gitleaks' default rules plus ours
// compile into one config, with every rule of ours present.
func TestDefaultConfigLoads(t *testing.T) {
	cfg, err := scanner.DefaultConfig()
	if err != nil {
		t.Fatalf("DefaultConfig: %v", err)
	}
	for _, r := range rules.Registry() {
		id := r.Rule().RuleID
		got, ok := cfg.Rules[id]
		if !ok {
			t.Errorf("rule %s missing from the default config", id)
			continue
		}
		for _, k := range got.Keywords {
			if _, ok := cfg.Keywords[k]; !ok {
				t.Errorf("rule %s: keyword %q missing from the config's keyword set", id, k)
			}
		}
	}
	if _, ok := cfg.Rules["generic-api-key"]; !ok {
		t.Error("gitleaks' default rules missing from the default config")
	}
}
