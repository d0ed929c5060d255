package rewrite

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/secretsweep/secretsweep/internal/testenv"
)

// TestJavaOutputCompiles type-checks the rewritten Java fixture with javac
// against a class with the helper's signatures (the helper itself needs the
// AWS SDK jars, which the test machine does not have).
func TestJavaOutputCompiles(t *testing.T) {
	_, err := exec.LookPath("javac")
	testenv.Require(t, err == nil, "javac", "apt-get install default-jdk-headless")
	src, err := os.ReadFile("testdata/java/Payments.java")
	if err != nil {
		t.Fatal(err)
	}
	c := goldenCases(t, "java")[0]
	ch, err := javaRewriter{}.Rewrite(c.path, src, c.targets)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	pkg := filepath.Join(dir, "com", "example", "payments")
	writeFile(t, filepath.Join(pkg, "Payments.java"), ch.Content)
	writeFile(t, filepath.Join(pkg, "SecretsweepSecrets.java"), []byte(`package com.example.payments;
final class SecretsweepSecrets {
    static String get(String id) { return id; }
    static String get(String id, String key) { return key; }
}
`))
	runCmd(t, dir, nil, "javac", "-d", filepath.Join(dir, "out"), filepath.Join(pkg, "Payments.java"), filepath.Join(pkg, "SecretsweepSecrets.java"))
}
