package scanner

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"reflect"
	"testing"
)

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

func writeJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

const customRule = `
[[rules]]
id = "fake-internal-token"
description = "Internal token"
regex = '''INTERNAL-[A-Z0-9]{12}'''
keywords = ["internal-"]
`

func TestConfigDiscoveryAndExtend(t *testing.T) {
	body := "a=INTERNAL-QZ7M2K9P4XW8\ngh=" + fakeGitHubPAT + "\n"
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"default rules", map[string]string{"a.txt": body}, []string{"a.txt:2 github-pat"}},
		{"gitleaks.toml replaces defaults", map[string]string{"a.txt": body, ".gitleaks.toml": customRule}, []string{"a.txt:1 fake-internal-token"}},
		{"secretsweep.toml wins over gitleaks.toml", map[string]string{"a.txt": body, ".gitleaks.toml": "", ".secretsweep.toml": customRule}, []string{"a.txt:1 fake-internal-token"}},
		{"useDefault extends", map[string]string{"a.txt": body, ".secretsweep.toml": "[extend]\nuseDefault = true\n" + customRule},
			[]string{"a.txt:1 fake-internal-token", "a.txt:2 github-pat"}},
		{"disabled rule", map[string]string{"a.txt": body, ".secretsweep.toml": "[extend]\nuseDefault = true\ndisabledRules = [\"github-pat\"]\n"}, nil},
		{"allowlist path", map[string]string{"a.txt": body, "b.txt": body, ".secretsweep.toml": "[extend]\nuseDefault = true\n[[allowlists]]\npaths = ['''^a\\.txt$''']\n"},
			[]string{"b.txt:2 github-pat"}},
		{"extend path", map[string]string{"a.txt": body, "base.toml": customRule, ".secretsweep.toml": "[extend]\npath = \"base.toml\"\n"}, []string{"a.txt:1 fake-internal-token"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := scanDir(t, writeTree(t, tc.files), Options{})
			if got := keys(res.Findings); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("findings = %v, want %v", got, tc.want)
			}
		})
	}
}
