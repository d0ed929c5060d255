package engine

import (
	"os"
	"path/filepath"
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
