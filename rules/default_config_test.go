package rules_test

import (
	"context"
	"testing"

	"github.com/secretsweep/secretsweep/rules"
	"github.com/secretsweep/secretsweep/scanner/engine"
)

// TestDefaultConfigLoads checks that gitleaks' default rules plus ours
// compile into one config, with every rule of ours present.
func TestDefaultConfigLoads(t *testing.T) {
	cfg, err := engine.DefaultConfig()
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

// TestKubernetesSecretDecoded checks that base64 values of a Kubernetes
// Secret are reported in decoded form through the default config and the
// scanner's engine, as the CLI runs them.
func TestKubernetesSecretDecoded(t *testing.T) {
	cfg, err := engine.DefaultConfig()
	if err != nil {
		t.Fatal(err)
	}
	manifest := "apiVersion: v1\nkind: Secret\nmetadata:\n  name: orders\ntype: Opaque\ndata:\n" +
		"  DB_PASSWORD: THI2I3ZROWtUejJ3WHA=\n" +
		"  DATABASE_URL: cG9zdGdyZXM6Ly9vcmRlcnM6R203IXZUMnFMeDlrQG9yZGVycy1kYjo1NDMyL29yZGVycw==\n"
	e := engine.New(cfg, engine.Options{MaxDecodeDepth: 5})
	found := map[string]bool{}
	for _, f := range e.Scan(context.Background(), engine.Fragment{Path: "deploy/secret.yaml", Text: manifest, StartLine: 1}) {
		found[f.Secret] = true
	}
	for _, want := range []string{"Lr6#vQ9kTz2wXp", "Gm7!vT2qLx9k"} {
		if !found[want] {
			t.Errorf("decoded secret %q not reported; got %d findings", want, len(found))
		}
	}
}
