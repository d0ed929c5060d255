package engine

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestConfigInvalidRegexNamesRuleAndFile checks that a config with a
// regex Go's parser rejects fails with one line naming the file, the rule
// (or allowlist) and the field, for every place a config holds a regex.
func TestConfigInvalidRegexNamesRuleAndFile(t *testing.T) {
	dir := t.TempDir()
	base := filepath.Join(dir, "base.toml")
	if err := os.WriteFile(base, []byte("[[rules]]\nid = \"base-rule\"\nregex = '''x{2,1}'''\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, toml string
		want       []string
	}{
		{"rule regex", "[[rules]]\nid = \"bad-rule\"\nregex = '''(abc'''\n",
			[]string{`rule "bad-rule"`, "regex", "missing closing )"}},
		{"rule path", "[[rules]]\nid = \"bad-path\"\npath = '''[z-a]'''\n",
			[]string{`rule "bad-path"`, "path", "invalid character class range"}},
		{"rule allowlist regex", "[[rules]]\nid = \"r1\"\nregex = '''ok'''\n[[rules.allowlists]]\nregexes = ['''fine''', '''a**''']\n",
			[]string{`rule "r1"`, "allowlist", "regexes", "invalid nested repetition"}},
		{"rule deprecated allowlist path", "[[rules]]\nid = \"r2\"\nregex = '''ok'''\n[rules.allowlist]\npaths = ['''(?P<x''']\n",
			[]string{`rule "r2"`, "allowlist", "paths", "invalid named capture"}},
		{"global allowlist", "[[rules]]\nid = \"r3\"\nregex = '''ok'''\n[[allowlists]]\nregexes = ['''\\8''']\n",
			[]string{"allowlist", "regexes", "invalid escape"}},
		{"global deprecated allowlist", "[[rules]]\nid = \"r4\"\nregex = '''ok'''\n[allowlist]\npaths = ['''+x''']\n",
			[]string{"allowlist", "paths", "missing argument to repetition"}},
		{"extended file", "[extend]\npath = \"base.toml\"\n[[rules]]\nid = \"top\"\nregex = '''ok'''\n",
			[]string{base, `rule "base-rule"`, "invalid repeat count"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-")+".toml")
			if err := os.WriteFile(path, []byte(tc.toml), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := LoadConfig(path, dir)
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			for _, w := range append([]string{"config " + path}, tc.want...) {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q lacks %q", msg, w)
				}
			}
			if strings.Contains(msg, "\n") {
				t.Errorf("error spans lines: %q", msg)
			}
		})
	}
}

// TestConfigInvalidRegexPrintsNothing loads a config with an invalid regex
// in a child process and checks that nothing reaches stderr: with the RE2
// build tags, handing the regex to RE2 made its C++ library log a raw
// parse error there before secretsweep's own error line.
func TestConfigInvalidRegexPrintsNothing(t *testing.T) {
	if cfg := os.Getenv("SECRETSWEEP_TEST_BAD_CONFIG"); cfg != "" {
		_, err := LoadConfig(cfg, filepath.Dir(cfg))
		if err == nil {
			os.Stdout.WriteString("no error\n")
			os.Exit(3)
		}
		os.Stdout.WriteString(err.Error() + "\n")
		os.Exit(0)
	}
	dir := t.TempDir()
	cfg := filepath.Join(dir, "bad.toml")
	if err := os.WriteFile(cfg, []byte("[[rules]]\nid = \"bad-rule\"\nregex = '''(abc'''\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestConfigInvalidRegexPrintsNothing$")
	cmd.Env = append(os.Environ(), "SECRETSWEEP_TEST_BAD_CONFIG="+cfg)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("child: %v\nstdout: %s\nstderr: %s", err, stdout.String(), stderr.String())
	}
	if !strings.Contains(stdout.String(), `rule "bad-rule"`) {
		t.Errorf("child error = %q, want it to name the rule", stdout.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("loading the config wrote to stderr:\n%s", stderr.String())
	}
}
