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
