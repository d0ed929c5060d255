package cmd

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// migrateTestFactory returns a Factory with buffered streams whose AWS
// configuration fails (as on a machine without credentials or region).
func migrateTestFactory() (*Factory, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	f := &Factory{
		IO:     &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut},
		Now:    func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) },
		Getenv: func(string) string { return "" },
		AWSConfig: func(context.Context, string) (aws.Config, error) {
			return aws.Config{}, errors.New("aws config: no region: set AWS_REGION or pass --region")
		},
		Version: "test",
		Hasher:  testHasher,
	}
	return f, &out, &errOut
}

func TestMigrateFlags(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"two modes", []string{"migrate", "--apply", "--pr"}, ExitError, "choose one of --plan, --apply, --patch and --pr"},
		{"plan and patch", []string{"migrate", "--plan", "--patch", "x.patch"}, ExitError, "choose one of"},
		{"bad group-by", []string{"migrate", "--group-by", "dir"}, ExitError, "--group-by must be none or file"},
		{"bad --to", []string{"migrate", "--to", "vault"}, ExitError, "--to must be secretsmanager or github-secrets"},
		{"negative calls", []string{"migrate", "--calls-per-month", "-1"}, ExitError, "--calls-per-month must not be negative"},
		{"unknown flag", []string{"migrate", "--nope"}, ExitError, "unknown flag"},
		{"two paths", []string{"migrate", "a", "b"}, ExitError, "accepts at most 1 arg"},
		{"apply without AWS", []string{"migrate", "--apply", "."}, ExitError, "no region"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, _, errOut := migrateTestFactory()
			if code := Main(tc.args, f); code != tc.code || !strings.Contains(errOut.String(), tc.err) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errOut.String(), tc.code, tc.err)
			}
		})
	}
}

// TestMigratePlanWithoutAWS: the plan needs no AWS access and writes nothing.
func TestMigratePlanWithoutAWS(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "billing")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	const value = "sk_live_FAKE51H8xEXAMPLEq7wKj3Lm9PzR2tY6uV"
	src := "package main\n\nconst stripeKey = \"" + value + "\"\n\nfunc main() { println(stripeKey) }\n"
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	f, out, errOut := migrateTestFactory()
	if code := Main([]string{"migrate", "--prefix", "billing/prod", dir}, f); code != ExitClean {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	for _, want := range []string{"-> billing/prod/stripeKey", "Monthly cost of these secrets: $0.45", `secret:billing/prod/stripeKey-??????`, "secretsweep remediate"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("plan lacks %q:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String()+errOut.String(), value) {
		t.Error("the plan printed the secret value")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("plan wrote files: %d entries", len(entries))
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "main.go")); string(b) != src {
		t.Error("plan changed main.go")
	}
}

func TestCrashHook(t *testing.T) {
	for _, spec := range []string{"", "stored", "stored:x", ":2", "stored:0"} {
		if crashHook(spec) != nil {
			t.Errorf("crashHook(%q) is active", spec)
		}
	}
	if crashHook("stored:2") == nil {
		t.Error("crashHook(stored:2) is nil")
	}
}
