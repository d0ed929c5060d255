package rules_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/scanner"
)

// TestDefaultConfigSkipsByWhatAFileIs scans a working tree holding the same
// fake token under many names with the default configuration. A name is
// chosen by whoever writes the tree, so it must not hide a file: only the
// configuration files at the root are skipped by name (they hold rule
// regexes and allowlisted samples), binary files are skipped by content.
func TestDefaultConfigSkipsByWhatAFileIs(t *testing.T) {
	const token = "ghp_FAKEfake0123456789abcdefFAKEfake0123"
	text := "GITHUB_TOKEN=" + token + "\n"
	binary := "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR " + text
	tests := []struct {
		path    string
		content string // default: text
		skipped bool
	}{
		// Inherited from gitleaks' default allowlist, scanned now.
		{path: "src/node_modules/x.py"},
		{path: "node_modules/left-pad/index.js"},
		{path: "app/node_modules/.bin/deploy"},
		{path: "mygitleaks.toml.py"},
		{path: "config/gitleaks.toml"},
		{path: "sub/.gitleaks.toml"},
		{path: "sub/.secretsweep.toml"},
		{path: ".gitleaks.toml.bak"},
		{path: "docs/report.pdf"},
		{path: "assets/logo.svg"},
		{path: "assets/notes.PNG"},
		{path: "fonts/x.woff2"},
		{path: "dist/tool.exe"},
		{path: "data/model.bin"},
		{path: "go.mod"},
		{path: "tools/go.sum"},
		{path: "cargo.mod"},
		{path: "vendor/modules.txt"},
		{path: "vendor/github.com/acme/client/config.go"},
		{path: "vendor/bundle/ruby/config.rb"},
		{path: "package-lock.json"},
		{path: "web/yarn.lock"},
		{path: "pnpm-lock.yaml"},
		{path: "npm-shrinkwrap.json"},
		{path: "deno.lock"},
		{path: "Pipfile.lock"},
		{path: "poetry.lock"},
		{path: "gradle.lockfile"},
		{path: "gradlew"},
		{path: "mvnw.cmd"},
		{path: ".mvn/wrapper/MavenWrapperDownloader.java"},
		{path: "bower_components/lib/x.js"},
		{path: "static/jquery-custom.min.js"},
		{path: "static/bootstrap.js.map"},
		{path: "javascript.json"},
		{path: "venv/lib/python3.12/settings.py"},
		{path: "lib/python3.11/site-packages/app/settings.py"},
		{path: "requests-2.31.0.dist-info/METADATA"},
		{path: "pkg/x.gem"},
		{path: "gradle/verification-metadata.xml"},
		{path: "db/Database.refactorlog"},
		{path: "docs/@octokit/auth-token/README.md"},
		// The project's own configuration files, at the root only.
		{path: ".gitleaks.toml", skipped: true},
		{path: "gitleaks.toml", skipped: true},
		{path: ".secretsweep.toml", skipped: true},
		// Binary by content, whatever the name.
		{path: "assets/logo.png", content: binary, skipped: true},
		{path: "src/main.py", content: binary, skipped: true},
	}
	root := t.TempDir()
	for _, tt := range tests {
		content := tt.content
		if content == "" {
			content = text
		}
		p := filepath.Join(root, filepath.FromSlash(tt.path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The root config files above are not valid TOML: load the defaults.
	res, err := scanner.Scan(context.Background(), scanner.Options{Path: root, ConfigPath: defaultConfigFile(t)})
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, f := range res.Findings {
		if f.RuleID == "github-pat" {
			found[f.File] = true
		}
	}
	for _, tt := range tests {
		if found[tt.path] == tt.skipped {
			want := "reported"
			if tt.skipped {
				want = "skipped"
			}
			t.Errorf("%s: want %s", tt.path, want)
		}
	}
}

// defaultConfigFile writes a config that only extends the defaults.
func defaultConfigFile(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "default.toml")
	if err := os.WriteFile(p, []byte("[extend]\nuseDefault = true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestGenericRuleChecksums checks that checksums gitleaks' generic rule
// takes for key assignments (go.sum lines, the SecretSHA256 of a committed
// baseline) are not reported, while the same text in another shape or
// place is, and a token next to them still is.
func TestGenericRuleChecksums(t *testing.T) {
	// A real, public checksum (not a secret) from this repository's go.sum.
	const sumLine = "github.com/aws/aws-sdk-go-v2/credentials v1.21.0 h1:OViwhqeipkQzSHuO2eQDUCdLrI6r3nzGxFUyM8GqnCs=\n"
	// The SHA-256 of the fake token below, as a JSON report holds it.
	const hash = "3457413e78dec2232a2f09dd0d6628f5bf9dca415fafb5b764ae63b1a16d7fcc"
	report := "[\n {\n  \"RuleID\": \"github-pat\",\n  \"Secret\": \"REDACTED\",\n  \"File\": \"a.py\",\n  \"SecretSHA256\": \"" + hash + "\"\n }\n]\n"
	tests := []struct {
		path, content string
		want          []string // rule IDs reported
	}{
		{path: "go.sum", content: sumLine},
		{path: "tools/go.work.sum", content: sumLine},
		{path: "deps.txt", content: sumLine, want: []string{"generic-api-key"}},
		{path: "go.sum.txt", content: sumLine, want: []string{"generic-api-key"}},
		{path: "go.sum", content: sumLine + "token: ghp_FAKEfake0123456789abcdefFAKEfake0123\n", want: []string{"github-pat"}},
		{path: ".secretsweep-baseline.json", content: report},
		{path: "reports/old.json", content: report},
		{path: "keys.json", content: "{\"SecretKey\": \"" + hash + "\"}\n", want: []string{"generic-api-key"}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			root := t.TempDir()
			p := filepath.Join(root, filepath.FromSlash(tt.path))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			res, err := scanner.Scan(context.Background(), scanner.Options{Path: root})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range res.Findings {
				got = append(got, f.RuleID)
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("reported %v, want %v", got, tt.want)
			}
		})
	}
}
