package cmd

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestPlanExitRule: migrate and remediate follow one rule: 0 when nothing
// is left to do, 1 when the command ran and credentials remain (a plan
// with findings), 2 on errors. With nothing to do they say so, without
// cost blocks or warnings.
func TestPlanExitRule(t *testing.T) {
	leaky := t.TempDir()
	if err := os.WriteFile(filepath.Join(leaky, "main.go"), []byte("package main\n\nconst stripeKey = \"sk_live_FAKE51H8xEXAMPLEq7wKj3Lm9PzR2tY6uV\"\n\nfunc main() { println(stripeKey) }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	clean := t.TempDir()
	if err := os.WriteFile(filepath.Join(clean, "main.go"), []byte("package main\n\nfunc main() {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		code int
	}{
		{"migrate plan with findings", []string{"migrate", "--prefix", "p", leaky}, ExitLeaks},
		{"remediate plan with findings", []string{"remediate", leaky}, ExitLeaks},
		{"migrate plan, nothing to do", []string{"migrate", "--prefix", "p", clean}, ExitClean},
		{"remediate plan, nothing to do", []string{"remediate", clean}, ExitClean},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, out, errOut := remediateFactory(nil, false)
			code := Main(tc.args, f)
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr %q", code, tc.code, errOut.String())
			}
			if tc.code == ExitClean {
				all := out.String() + errOut.String()
				if !strings.Contains(strings.ToLower(all), "nothing to do") || strings.Contains(all, "Monthly cost") || strings.Contains(all, "warning") || strings.Contains(all, "IAM policy") {
					t.Errorf("nothing to do, but the output is:\n%s", all)
				}
			}
		})
	}
}

// TestRemediateJSONKeysSnakeCase: every key of remediate --format json is
// snake_case.
func TestRemediateJSONKeysSnakeCase(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ".npmrc"), []byte("//registry.npmjs.org/:_authToken="+remediateNpmToken+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, out, _ := remediateFactory(nil, false)
	Main([]string{"remediate", "--format", "json", dir}, f)
	var v any
	if err := json.Unmarshal(out.Bytes(), &v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out.String())
	}
	snake := regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	var walk func(v any, at string)
	walk = func(v any, at string) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				if !snake.MatchString(k) {
					t.Errorf("key %q at %s is not snake_case", k, at)
				}
				walk(e, at+"."+k)
			}
		case []any:
			for _, e := range x {
				walk(e, at+"[]")
			}
		}
	}
	walk(v, "$")
	if !strings.Contains(out.String(), `"items"`) {
		t.Errorf("no items:\n%s", out.String())
	}
}
