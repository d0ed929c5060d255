package cmd

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// Fake credential, valid in shape only.
const fakeScanPAT = "ghp_R4nd0mFAKEt0k3nV4lu3Xq9Zw8Yv7Ut6Sr5Q"

func scanFactory() (*Factory, *bytes.Buffer, *bytes.Buffer) {
	out, errOut := &bytes.Buffer{}, &bytes.Buffer{}
	return &Factory{
		IO:         &IOStreams{In: strings.NewReader(""), Out: out, ErrOut: errOut},
		Now:        func() time.Time { return time.Unix(0, 0) },
		Getenv:     func(string) string { return "" },
		HTTPClient: func() *http.Client { return &http.Client{} },
		Version:    "test",
		Hasher:     testHasher,
	}, out, errOut
}

func leakyDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "app.py"), []byte("TOKEN = \""+fakeScanPAT+"\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestScanExitCodesAndFormats(t *testing.T) {
	leaky, clean := leakyDir(t), t.TempDir()
	for _, tc := range []struct {
		name     string
		args     []string
		code     int
		out, err string // substrings
		notOut   string
	}{
		{"leak text", []string{"scan", leaky}, 1, "app.py:1", "", fakeScanPAT},
		{"clean", []string{"scan", clean}, 0, "", "", ""},
		{"json redacted", []string{"scan", "-f", "json", leaky}, 1, `"Secret": "REDACTED"`, "1 finding", fakeScanPAT},
		{"no-redact", []string{"scan", "-f", "json", "--no-redact", leaky}, 1, fakeScanPAT, "", ""},
		{"sarif", []string{"scan", "-f", "sarif", leaky}, 1, `"ruleId": "github-pat"`, "", fakeScanPAT},
		{"unknown format", []string{"scan", "-f", "xml", leaky}, 2, "", "unknown format", ""},
		{"exclusive modes", []string{"scan", "--history", "--staged", leaky}, 2, "", "mutually exclusive", ""},
		{"bad flag", []string{"scan", "--nope"}, 2, "", "unknown flag", ""},
		{"too many args", []string{"scan", "a", "b"}, 2, "", "accepts at most 1 arg", ""},
		{"history on non-repo", []string{"scan", "--history", clean}, 2, "", "not a git repository", ""},
		{"missing path", []string{"scan", filepath.Join(clean, "nope")}, 2, "", "no such file", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, out, errOut := scanFactory()
			code := Main(tc.args, f)
			if code != tc.code {
				t.Fatalf("exit %d, want %d; stderr %q", code, tc.code, errOut)
			}
			if !strings.Contains(out.String(), tc.out) || !strings.Contains(errOut.String(), tc.err) {
				t.Errorf("stdout %q\nstderr %q\nwant %q / %q", out, errOut, tc.out, tc.err)
			}
			if tc.notOut != "" && strings.Contains(out.String()+errOut.String(), tc.notOut) {
				t.Errorf("secret printed")
			}
			if tc.code == 2 && strings.Count(strings.TrimSpace(errOut.String()), "\n") > 0 {
				t.Errorf("error is not one line: %q", errOut)
			}
		})
	}
}

func TestScanOutputFileAndBaseline(t *testing.T) {
	dir := leakyDir(t)
	report := filepath.Join(t.TempDir(), "report.json")
	f, out, _ := scanFactory()
	if code := Main([]string{"scan", dir, "-f", "json", "-o", report}, f); code != 1 {
		t.Fatalf("exit %d", code)
	}
	if out.Len() != 0 {
		t.Errorf("stdout not empty with --output: %q", out)
	}
	var fs []map[string]any
	data, _ := os.ReadFile(report)
	if err := json.Unmarshal(data, &fs); err != nil || len(fs) != 1 {
		t.Fatalf("report %s: %v", data, err)
	}
	// The report as baseline: nothing new.
	f, _, errOut := scanFactory()
	if code := Main([]string{"scan", dir, "--baseline", report}, f); code != 0 {
		t.Fatalf("with baseline: exit %d (%s)", code, errOut)
	}
	// An unwritable output path fails without a partial file.
	f, _, errOut = scanFactory()
	bad := filepath.Join(dir, "missing-dir", "r.json")
	if code := Main([]string{"scan", dir, "-o", bad}, f); code != 2 || !strings.Contains(errOut.String(), "write report") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

func TestScanHistoryAndRange(t *testing.T) {
	dir := t.TempDir()
	r, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, _ := r.Worktree()
	commit := func(name, body string) string {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := wt.Add(name); err != nil {
			t.Fatal(err)
		}
		sig := &object.Signature{Name: "A", Email: "a@example.com", When: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)}
		h, err := wt.Commit("add "+name, &git.CommitOptions{Author: sig, Committer: sig})
		if err != nil {
			t.Fatal(err)
		}
		return h.String()
	}
	commit("a.txt", "token="+fakeScanPAT+"\n")
	base := commit("a.txt", "token=removed\n")
	commit("b.txt", "fine\n")

	f, out, _ := scanFactory()
	if code := Main([]string{"scan", "--history", "-f", "csv", dir}, f); code != 1 || !strings.Contains(out.String(), "a.txt") {
		t.Errorf("history: exit %d, out %q", code, out)
	}
	f, _, errOut := scanFactory()
	if code := Main([]string{"scan", "--range", base + "..HEAD", dir}, f); code != 0 {
		t.Errorf("range: exit %d (%s)", code, errOut)
	}
}

// A pull request cannot silence its own leak: --range reads .gitleaksignore
// from BASE, warns that the range changes it, and only a revision or a path
// named on the command line is trusted instead.
func TestScanRangeSettingsFromBase(t *testing.T) {
	dir := t.TempDir()
	r, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, _ := r.Worktree()
	commit := func(files map[string]string) string {
		for name, body := range files {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := wt.Add(name); err != nil {
				t.Fatal(err)
			}
		}
		sig := &object.Signature{Name: "A", Email: "a@example.com", When: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)}
		h, err := wt.Commit("commit", &git.CommitOptions{Author: sig, Committer: sig})
		if err != nil {
			t.Fatal(err)
		}
		return h.String()
	}
	base := commit(map[string]string{"README.md": "hello\n"})
	commit(map[string]string{"app.py": "TOKEN = \"" + fakeScanPAT + "\"\n", ".gitleaksignore": "app.py:github-pat:1\n"})
	rng := base + "..HEAD"
	for _, tc := range []struct {
		name     string
		args     []string
		code     int
		err, out string
	}{
		{"settings from BASE", []string{"--range", rng}, 1, "", "warning: .gitleaksignore is modified by the changes under scan"},
		{"machine format warns on stderr", []string{"--range", rng, "-f", "sarif"}, 1, "warning: .gitleaksignore is modified", ""},
		{"trusted revision", []string{"--range", rng, "--config-rev", "HEAD"}, 0, "", ""},
		{"explicit ignore file", []string{"--range", rng, "--ignore-file", filepath.Join(dir, ".gitleaksignore")}, 0, "", ""},
		{"unknown revision", []string{"--range", rng, "--config-rev", "nope"}, 2, `unknown revision "nope"`, ""},
		{"not with actions logs", []string{"--actions-logs", "o/r", "--config-rev", "HEAD"}, 2, "--config-rev", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, out, errOut := scanFactory()
			args := append([]string{"scan"}, tc.args...)
			if tc.args[0] == "--range" {
				args = append(args, dir)
			}
			if code := Main(args, f); code != tc.code {
				t.Fatalf("exit %d, want %d; stderr %q", code, tc.code, errOut)
			}
			if !strings.Contains(errOut.String(), tc.err) || !strings.Contains(out.String(), tc.out) {
				t.Errorf("stdout %q\nstderr %q\nwant %q / %q", out, errOut, tc.out, tc.err)
			}
			if strings.Contains(out.String()+errOut.String(), fakeScanPAT) {
				t.Error("secret printed")
			}
		})
	}
}

// TestScanRedactsWithheldSecrets: a secret whose own finding is ignored
// (.gitleaksignore) or in the baseline is still a secret: it is removed
// from the findings that are reported.
func TestScanRedactsWithheldSecrets(t *testing.T) {
	dir := t.TempDir()
	line := "curl -H \"X-Api: " + fakeScanPAT + "\" -u deploy:Wm4tQ8vLz2pRk9 https://api.internal.net/deploy\n"
	if err := os.WriteFile(filepath.Join(dir, "deploy.sh"), []byte("#!/bin/sh\n"+line), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".gitleaksignore"), []byte("deploy.sh:github-pat:2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"text", "json"} {
		f, out, errOut := scanFactory()
		if code := Main([]string{"scan", "-f", format, dir}, f); code != 1 || !strings.Contains(out.String(), "curl-auth-user") {
			t.Fatalf("%s: exit %d: %s%s", format, code, out, errOut)
		}
		if strings.Contains(out.String(), fakeScanPAT[4:16]) || strings.Contains(out.String(), "github-pat") {
			t.Errorf("%s: the ignored token is shown:\n%s", format, out)
		}
	}
}

func TestScanMaxFindingsPerFile(t *testing.T) {
	dir := t.TempDir()
	body := ""
	for _, c := range "ABC" {
		body += "TOKEN = \"" + fakeScanPAT[:len(fakeScanPAT)-1] + string(c) + "\"\n"
	}
	if err := os.WriteFile(filepath.Join(dir, "many.py"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name     string
		args     []string
		code     int
		out, err string // substrings
	}{
		{"capped", []string{"scan", "--max-findings-per-file", "2", dir}, 1, "many.py: more than 2 findings", ""},
		{"capped count", []string{"scan", "--max-findings-per-file", "2", dir}, 1, "2 findings", ""},
		{"no limit", []string{"scan", "--max-findings-per-file", "0", dir}, 1, "3 findings", ""},
		{"default", []string{"scan", dir}, 1, "3 findings", ""},
		{"negative", []string{"scan", "--max-findings-per-file", "-1", dir}, 2, "", "must not be negative"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, out, errOut := scanFactory()
			if code := Main(tc.args, f); code != tc.code {
				t.Fatalf("exit %d, want %d; stderr %q", code, tc.code, errOut)
			}
			if !strings.Contains(out.String(), tc.out) || !strings.Contains(errOut.String(), tc.err) {
				t.Errorf("stdout %q\nstderr %q\nwant %q / %q", out, errOut, tc.out, tc.err)
			}
		})
	}
}
