package engine

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/internal/finding"
)

func TestMaxNewlines(t *testing.T) {
	for _, tc := range []struct {
		re   string
		want int
	}{
		{`abc`, 0},
		{`a\nb`, 1},
		{`a\s{0,5}b`, 5},
		{`a[^\n]*b`, 0},
		{`a.*b`, 0},
		{`(?s)a.*b`, -1},
		{`a[\s\S]*?b`, -1},
		{`(a\s|b\s\s)c`, 2},
		{`a\s+b`, -1},
		{`(`, -1},
	} {
		if got := maxNewlines(tc.re); got != tc.want {
			t.Errorf("maxNewlines(%q) = %d, want %d", tc.re, got, tc.want)
		}
	}
}

// TestWindowedEngineMatchesWholeFragments is the differential check of the
// windowing optimisation: on the labelled accuracy corpus and on crafted
// edge cases, running rules in keyword windows finds everything gitleaks'
// whole-fragment scan finds.
func TestWindowedEngineMatchesWholeFragments(t *testing.T) {
	cfg, err := DefaultConfig()
	if err != nil {
		t.Fatal(err)
	}
	win := New(cfg, Options{MaxDecodeDepth: 5})
	whole := New(cfg, Options{MaxDecodeDepth: 5, NoWindows: true})
	texts := map[string]string{
		"keyword far from value": "password =\n\n\n\n   \"" + fakeGitHubPAT + "\"\n",
		"private key":            "x\n-----BEGIN RSA PRIVATE KEY-----\n" + strings.Repeat("MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxKLxoS2tFczGkPLPgizskuemMghRniWaoLcyehkd3qqGElvW/VDL5AaWTg0nLVkjRo9z+40RQzuVaE8AkAFmxZzow3x+VJYKdjykkJ0iT9wCS0DRTXu269V264Vf/3jvredZiKRkgwlL9xNAwxXFg0x/XFw005UWVRIkdgcKWTjpBP2dPwVZ4WWC+9aGVd+Gyn1o0CLelf4rEjGoXbAAEgAqeGUxrcIlbjXfbcmwIDAQABAoIBAQCUwcC7sJkEp8ve\n", 3) + "-----END RSA PRIVATE KEY-----\n",
		"base64 without keyword": "blob: " + b64("ghp token "+fakeGitHubPAT) + "\n",
		"crlf":                   "a\r\napi_key = \"" + fakeSlackBot + "\"\r\n",
		"two secrets one line":   "t1=" + fakeGitHubPAT + " t2=" + fakeAWSKeyID + "\n",
	}
	root := filepath.Join("..", "..", "testdata", "accuracy")
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if b, err := os.ReadFile(p); err == nil && bytes.IndexByte(b[:min(len(b), 8000)], 0) < 0 {
				texts[p] = string(b)
			}
		}
		return nil
	})
	if len(texts) < 20 {
		t.Fatalf("accuracy corpus not found under %s", root)
	}
	for name, text := range texts {
		frag := Fragment{Path: name, Text: text, StartLine: 1}
		got, want := findingKeys(win.Scan(context.Background(), frag)), findingKeys(whole.Scan(context.Background(), frag))
		// Windows may find a little more: in a whole fragment an earlier,
		// rejected match can consume text that a later one needs (regex
		// matches do not overlap); within a window that text is free.
		if missing := minus(want, got); len(missing) > 0 {
			t.Errorf("%s: windowed engine misses %v", name, missing)
		}
		if extra := minus(got, want); len(extra) > 0 {
			t.Logf("%s: windowed engine also finds %v", name, extra)
		}
	}
}

func minus(a, b []string) []string {
	in := map[string]bool{}
	for _, x := range b {
		in[x] = true
	}
	var out []string
	for _, x := range a {
		if !in[x] {
			out = append(out, x)
		}
	}
	return out
}

func findingKeys(fs []finding.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.RuleID+"@"+itoa(f.StartLine)+":"+itoa(f.StartColumn)+"-"+itoa(f.EndLine)+":"+itoa(f.EndColumn)+"#"+finding.PlainSHA256(f.Secret)[:8])
	}
	sort.Strings(out)
	return out
}

// TestOwnRulesReportTheSecretLine: a secretsweep rule whose match starts
// lines before its secret reports the secret's line and column (counted
// as locate counts them on a later line: the value at the 14th character
// is column 15); gitleaks' curl-auth-header, whose match starts at curl,
// keeps gitleaks' line.
func TestOwnRulesReportTheSecretLine(t *testing.T) {
	cfg, err := DefaultConfig()
	if err != nil {
		t.Fatal(err)
	}
	e := New(cfg, Options{})
	text := "const app = express();\napp.use(session({\n  resave: false,\n    secret: 'zorkboard gnome cat',\n}));\n" +
		"curl -X POST https://api.zork.invalid/v1 \\\n  -H \"Authorization: Bearer Zk8qP2mLx7vR4tW9Zk8qP2mLx7vR4tW9\"\n"
	fs, _ := e.ScanLimit(context.Background(), Fragment{Path: "app.js", Text: text, StartLine: 1}, 0)
	got := map[string][2]int{}
	for _, f := range fs {
		got[f.RuleID] = [2]int{f.StartLine, f.StartColumn}
	}
	if p, ok := got["session-middleware-secret"]; !ok || p != [2]int{4, 15} {
		t.Errorf("session-middleware-secret at %v (found %v), want line 4, column 15 (gitleaks' columns)", p, ok)
	}
	if p, ok := got["curl-auth-header"]; !ok || p[0] != 6 {
		t.Errorf("curl-auth-header at %v (found %v), want gitleaks' line 6", p, ok)
	}
}
