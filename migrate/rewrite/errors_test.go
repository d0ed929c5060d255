package rewrite

import (
	"strings"
	"testing"
)

// TestRewriteRefusesBrokenInput: a file that does not parse is an error
// (the file is left alone) whose message never quotes the secret.
func TestRewriteRefusesBrokenInput(t *testing.T) {
	const secret = "sk_test_FAKEBROKEN0001"
	for _, c := range []struct {
		path, src string
	}{
		{"main.go", "package main\nvar x = \"" + secret + "\"\nfunc {"},
		{"app.py", "x = \"" + secret + "\"\ndef (:\n"},
		{"app.js", "const x = \"" + secret + "\";\nfunction {"},
		{"app.mjs", "import x from 'y'\nconst x = \"" + secret + "\";\n}}"},
		{"app.ts", "const x: = \"" + secret + "\";"},
		{"App.java", "class A { String x = \"" + secret + "\"; void }"},
		{".env", "A=\"" + secret + "\nB='x\n"},
		{"app.properties", "a=" + secret + "\nb=\\uZZZZ\n"},
		{"config.yaml", "a: \"" + secret + "\"\n b: [\n"},
		{".github/workflows/ci.yml", "jobs:\n  a: \"" + secret + "\"\n b: [\n"},
	} {
		t.Run(c.path, func(t *testing.T) {
			r := For(c.path)
			if r == nil {
				t.Fatalf("no rewriter for %s", c.path)
			}
			ch, err := r.Rewrite(c.path, []byte(c.src), []Target{{Line: 1, Secret: secret, SecretID: "x/y", Fingerprint: "fp"}, {Line: 2, Secret: secret, SecretID: "x/y", Fingerprint: "fp"}})
			if err == nil {
				if string(ch.Content) != c.src {
					t.Fatalf("broken input was rewritten:\n%s", ch.Content)
				}
				return
			}
			if strings.Contains(err.Error(), secret) {
				t.Fatalf("error quotes the secret: %v", err)
			}
		})
	}
}

// TestNoTargets: nothing to do leaves the file as it is and creates no
// helper.
func TestNoTargets(t *testing.T) {
	for _, c := range []struct{ path, src string }{
		{"main.go", "package main\n"},
		{"a.py", "x = 1\n"},
		{"a.js", "x = 1;\n"},
		{"a.ts", "let x = 1;\n"},
		{"A.java", "class A {}\n"},
		{".env", "A=1\n"},
		{"a.properties", "a=1\n"},
		{"a.yaml", "a: 1\n"},
		{".github/workflows/a.yml", "on: push\n"},
	} {
		ch, err := For(c.path).Rewrite(c.path, []byte(c.src), nil)
		if err != nil {
			t.Fatalf("%s: %v", c.path, err)
		}
		if string(ch.Content) != c.src || len(ch.Files) != 0 || len(ch.Manual) != 0 {
			t.Errorf("%s: unexpected change %+v", c.path, ch)
		}
	}
}

// TestTwinTargets: two findings (two rules) for one literal are both
// rewritten, with one edit.
func TestTwinTargets(t *testing.T) {
	src := "package main\n\nvar k = \"sk_test_FAKETWIN0001\"\n"
	targets := []Target{
		{Line: 3, Secret: "sk_test_FAKETWIN0001", Fingerprint: "a", SecretID: "x/K"},
		{Line: 3, Secret: "sk_test_FAKETWIN0001", Fingerprint: "b", SecretID: "x/K"},
	}
	ch, err := For("main.go").Rewrite("main.go", []byte(src), targets)
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Manual) != 0 || strings.Contains(string(ch.Content), "FAKETWIN") || strings.Count(string(ch.Content), "secretsweepSecret(") != 1 {
		t.Fatalf("got manual %+v, content:\n%s", ch.Manual, ch.Content)
	}
	ch, err = For("main.go").Rewrite("main.go", []byte("package main\n\nconst k = \"sk_test_FAKETWIN0001\"\n\nvar a [len(k)]int\n"), targets)
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Manual) != 2 {
		t.Fatalf("want a manual step for each twin, got %+v", ch.Manual)
	}
}

// TestHelperNameTaken: a file that already uses the helper's name is a
// manual step, never a silent shadowing.
func TestHelperNameTaken(t *testing.T) {
	for _, c := range []struct{ path, src string }{
		{"a.py", "def get_secret(x):\n    return x\nk = \"sk_FAKENAME01\"\n"},
		{"a.js", "function getSecretSync() {}\nconst k = \"sk_FAKENAME01\";\n"},
		{"a.mjs", "import { getSecret } from './vault.js';\nconst k = \"sk_FAKENAME01\";\n"},
	} {
		line := strings.Count(c.src[:strings.Index(c.src, "sk_FAKE")], "\n") + 1
		ch, err := For(c.path).Rewrite(c.path, []byte(c.src), []Target{{Line: line, Secret: "sk_FAKENAME01", SecretID: "a/K"}})
		if err != nil {
			t.Fatal(err)
		}
		if string(ch.Content) != c.src || len(ch.Manual) != 1 || !strings.Contains(ch.Manual[0].Reason, "already uses the name") {
			t.Errorf("%s: got %+v\n%s", c.path, ch.Manual, ch.Content)
		}
	}
}

// TestCRLFKept: inserted lines use the file's CRLF line endings.
func TestCRLFKept(t *testing.T) {
	for _, c := range []struct{ path, src string }{
		{"a.py", "import os\r\nk = \"sk_FAKECRLF01\"\r\n"},
		{"a.js", "const os = require(\"os\");\r\nconst k = \"sk_FAKECRLF01\";\r\n"},
		{"a.mjs", "import os from \"os\";\r\nconst k = \"sk_FAKECRLF01\";\r\n"},
		{".env", "A=1\r\nK=sk_FAKECRLF01\r\n"},
		{".github/workflows/a.yml", "jobs:\r\n  a:\r\n    steps:\r\n      - run: echo sk_FAKECRLF01\r\n"},
	} {
		line := strings.Count(c.src[:strings.Index(c.src, "sk_FAKE")], "\n") + 1
		ch, err := For(c.path).Rewrite(c.path, []byte(c.src), []Target{{Line: line, Secret: "sk_FAKECRLF01", SecretID: "a/K"}})
		if err != nil {
			t.Fatalf("%s: %v", c.path, err)
		}
		out := string(ch.Content)
		if out == c.src || strings.Count(out, "\n") != strings.Count(out, "\r\n") {
			t.Errorf("%s: mixed or missing line endings: %q", c.path, out)
		}
	}
}
