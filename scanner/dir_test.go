package scanner

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// writeTree creates files under a new temporary directory.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func scanDir(t *testing.T, dir string, opts Options) *Result {
	t.Helper()
	opts.Path, opts.Mode = dir, ModeDir
	if opts.MaxDecodeDepth == 0 {
		opts.MaxDecodeDepth = 5
	}
	res, err := Scan(context.Background(), opts)
	if err != nil {
		t.Fatalf("scan: %v", err)
	}
	return res
}

func TestDirScan(t *testing.T) {
	long := strings.Repeat("a", 2<<20) + " token=" + fakeGitHubPAT + "\n"
	for _, tc := range []struct {
		name  string
		files map[string]string
		opts  Options
		want  []string
		check func(t *testing.T, st Stats)
	}{
		{
			name:  "finds secrets with lines",
			files: map[string]string{"src/app.go": "package app\n\nvar tok = \"" + fakeGitHubPAT + "\"\n", "clean.txt": "nothing\n"},
			want:  []string{"src/app.go:3 github-pat"},
			check: func(t *testing.T, st Stats) {
				if st.Files != 2 {
					t.Errorf("files = %d", st.Files)
				}
			},
		},
		{
			name:  "skips .git",
			files: map[string]string{".git/config": "gh=" + fakeGitHubPAT + "\n", "sub/.git/x": "gh=" + fakeGitHubPAT + "\n"},
		},
		{
			name:  "gitleaks:allow",
			files: map[string]string{"a.txt": "gh=" + fakeGitHubPAT + " # gitleaks:allow\n"},
		},
		{
			name:  "binary skipped and counted",
			files: map[string]string{"bin.dat": "\x00\x01gh=" + fakeGitHubPAT},
			check: func(t *testing.T, st Stats) {
				if st.SkippedBinary != 1 {
					t.Errorf("binary = %d", st.SkippedBinary)
				}
			},
		},
		{
			name:  "large skipped and counted",
			files: map[string]string{"big.txt": strings.Repeat("x", 2048) + "gh=" + fakeGitHubPAT},
			opts:  Options{MaxFileSize: 1024},
			check: func(t *testing.T, st Stats) {
				if st.SkippedLarge != 1 {
					t.Errorf("large = %d", st.SkippedLarge)
				}
			},
		},
		{
			name:  "invalid UTF-8",
			files: map[string]string{"bad.txt": "\xff\xfe\xfd gh=" + fakeGitHubPAT + "\n\xc3\x28\n"},
			want:  []string{"bad.txt:1 github-pat"},
		},
		{
			name:  "megabyte-long line",
			files: map[string]string{"min.js": long},
			want:  []string{"min.js:1 github-pat"},
		},
		{
			name:  "base64-encoded secret is decoded",
			files: map[string]string{"k8s.txt": "value: " + b64("token: "+fakeGitHubPAT) + "\n"},
			want:  []string{"k8s.txt:1 github-pat"},
		},
		{
			name:  "ignore file fingerprints",
			files: map[string]string{"a.txt": "gh=" + fakeGitHubPAT + "\n", "b.txt": "gh=" + fakeGitHubPAT + "\n", ".gitleaksignore": "# reviewed\na.txt:github-pat:1\n"},
			want:  []string{"b.txt:1 github-pat"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := scanDir(t, writeTree(t, tc.files), tc.opts)
			if got := keys(res.Findings); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("findings = %v, want %v", got, tc.want)
			}
			if tc.check != nil {
				tc.check(t, res.Stats)
			}
		})
	}
}

func TestDirSymlinks(t *testing.T) {
	outside := writeTree(t, map[string]string{"secret.txt": "gh=" + fakeGitHubPAT + "\n"})
	dir := writeTree(t, map[string]string{"real.txt": "aws=" + fakeAWSKeyID + "\n"})
	if err := os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(dir, "out.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "real.txt"), filepath.Join(dir, "in.txt")); err != nil {
		t.Fatal(err)
	}
	res := scanDir(t, dir, Options{})
	if got := keys(res.Findings); !reflect.DeepEqual(got, []string{"real.txt:1 aws-access-token"}) {
		t.Errorf("no-follow findings = %v", got)
	}
	res = scanDir(t, dir, Options{FollowSymlinks: true})
	if got := keys(res.Findings); !reflect.DeepEqual(got, []string{"real.txt:1 aws-access-token", "real.txt:1 aws-access-token"}) {
		t.Errorf("follow findings = %v", got)
	}
	if res.Stats.SkippedOther != 1 || len(res.Stats.Warnings) != 1 {
		t.Errorf("outside link: skipped = %d warnings = %v", res.Stats.SkippedOther, res.Stats.Warnings)
	}
}

func TestBaselineMatchesMovedFindings(t *testing.T) {
	dir := writeTree(t, map[string]string{"a.txt": "gh=" + fakeGitHubPAT + "\n", "b.txt": "aws=" + fakeAWSKeyID + "\n"})
	first := scanDir(t, dir, Options{Hasher: testHasher(t, testKey)})
	finding.RedactAll(first.Findings) // baselines are redacted reports: matching uses SecretHash
	base := filepath.Join(t.TempDir(), "baseline.json")
	writeJSON(t, base, first.Findings)

	// Move the secret down; add a new one.
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("\n\n\ngh="+fakeGitHubPAT+"\nslack="+fakeSlackBot+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res := scanDir(t, dir, Options{BaselinePath: base, Hasher: testHasher(t, testKey)})
	if got := keys(res.Findings); !reflect.DeepEqual(got, []string{"a.txt:5 slack-bot-token"}) {
		t.Errorf("findings = %v", got)
	}
}

func TestBadInputErrors(t *testing.T) {
	dir := writeTree(t, map[string]string{"a.txt": "x\n", "bad.json": "{not json", "redacted.json": `[{"RuleID":"x","File":"a","Secret":"REDACTED"}]`,
		"bad.toml": "[[rules]]\nid = \"x\"\nregex = '''(unclosed'''\n", "notoml.toml": "this is = = not toml"})
	for _, tc := range []struct {
		name string
		opts Options
		want string
	}{
		{"missing path", Options{Path: filepath.Join(dir, "nope")}, "no such file"},
		{"invalid baseline", Options{BaselinePath: filepath.Join(dir, "bad.json")}, "read JSON report: invalid JSON at line 1"},
		{"baseline without hashes", Options{BaselinePath: filepath.Join(dir, "redacted.json")}, "no SecretHash, no SecretSHA256 and no unredacted Secret"},
		{"missing baseline", Options{BaselinePath: filepath.Join(dir, "none.json")}, "baseline"},
		{"invalid regex in config", Options{ConfigPath: filepath.Join(dir, "bad.toml")}, `rule "x": invalid regex`},
		{"invalid TOML", Options{ConfigPath: filepath.Join(dir, "notoml.toml")}, "invalid TOML"},
		{"missing ignore file", Options{IgnorePath: filepath.Join(dir, "none")}, "ignore file"},
		{"unknown mode", Options{Mode: "weird"}, "unknown scan mode"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.opts.Path == "" {
				tc.opts.Path = dir
			}
			_, err := Scan(context.Background(), tc.opts)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error spans lines: %q", err)
			}
		})
	}
}
