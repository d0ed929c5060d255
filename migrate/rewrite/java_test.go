package rewrite

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/secretsweep/secretsweep/internal/testenv"
)

// TestJavaOutputCompiles type-checks the rewritten Java fixture with javac,
// first against a class with the helper's signatures, then with the
// generated helper against the AWS SDK for Java jars (.ci/java/lib).
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

	// The generated helper itself, against the AWS SDK jars .ci/test
	// copies into .ci/java/lib.
	lib, _ := filepath.Abs("../../.ci/java/lib")
	_, err = os.Stat(filepath.Join(lib, "secretsmanager-2.59.1.jar"))
	testenv.Require(t, err == nil, "the AWS SDK for Java jars in .ci/java/lib",
		"cd .ci/java && mvn -q dependency:copy-dependencies -DoutputDirectory=lib -DincludeScope=runtime")
	helper, ok := ch.Files["SecretsweepSecrets.java"]
	if !ok {
		t.Fatalf("no helper; files %v", len(ch.Files))
	}
	writeFile(t, filepath.Join(pkg, "SecretsweepSecrets.java"), helper)
	runCmd(t, dir, nil, "javac", "-Xlint:all", "-Werror", "-cp", filepath.Join(lib, "*"), "-d", filepath.Join(dir, "sdk"),
		filepath.Join(pkg, "Payments.java"), filepath.Join(pkg, "SecretsweepSecrets.java"))
}
