package engine

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// Loading many configs in one process must behave the same every time
// (gitleaks keeps extend state in package variables; we never use it).
func TestConfigLoadsRepeatably(t *testing.T) {
	dir := t.TempDir()
	rule := "[extend]\nuseDefault = true\n[[rules]]\nid = \"fake-internal-token\"\nregex = '''INTERNAL-[A-Z0-9]{12}'''\nkeywords = [\"internal-\"]\n"
	if err := os.WriteFile(filepath.Join(dir, ".secretsweep.toml"), []byte(rule), 0o644); err != nil {
		t.Fatal(err)
	}
	var n int
	for i := 0; i < 4; i++ {
		cfg, err := LoadConfig("", dir)
		if err != nil {
			t.Fatal(err)
		}
		if i > 0 && len(cfg.Rules) != n {
			t.Fatalf("load %d: %d rules, want %d", i, len(cfg.Rules), n)
		}
		n = len(cfg.Rules)
	}
	if _, err := LoadConfig(filepath.Join(dir, "missing.toml"), dir); err == nil {
		t.Error("missing explicit config: no error")
	}
}

func TestIsDefaultRule(t *testing.T) {
	for _, tc := range []struct {
		id   string
		want bool
	}{
		{"generic-api-key", true},
		{"aws-access-token", true},
		{"private-key", true},
		{"generic-secret-env", false}, // secretsweep's own
		{"", false},
	} {
		if got := IsDefaultRule(tc.id); got != tc.want {
			t.Errorf("IsDefaultRule(%q) = %v, want %v", tc.id, got, tc.want)
		}
	}
	cfg, err := DefaultConfig()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for id, r := range cfg.Rules {
		if !slices.Contains(r.Tags, "secretsweep") {
			n++
			if !IsDefaultRule(id) {
				t.Errorf("default config rule %s is not a default rule", id)
			}
		}
	}
	if n < 100 {
		t.Errorf("only %d default rules", n)
	}
}
