package cmd

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// TestMigrateApplyChecksCredentialsOnce: without usable AWS credentials
// --apply fails once, in one line, before scanning or writing anything,
// not once per finding.
func TestMigrateApplyChecksCredentialsOnce(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		http.Error(w, "unexpected", http.StatusInternalServerError)
	}))
	defer srv.Close()
	dir := filepath.Join(t.TempDir(), "billing")
	src := "package main\n\nconst a = \"sk_live_FAKE51H8xEXAMPLEq7wKj3Lm9PzR2tY6uV\"\nconst b = \"ghp_FAKE0123456789abcdefEXAMPLExyzABCDEF\"\nconst c = \"xoxb-123456789012-1234567890123-FAKEexampleTOKENabcdEFGH\"\n\nfunc main() { println(a, b, c) }\n"
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	const cause = "failed to refresh cached credentials, no EC2 IMDS role found, operation error ec2imds: GetMetadata, request canceled, context deadline exceeded"
	f, out, errOut := migrateTestFactory()
	f.AWSConfig = func(context.Context, string) (aws.Config, error) {
		return aws.Config{
			Region:       "us-east-1",
			BaseEndpoint: aws.String(srv.URL),
			Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
				return aws.Credentials{}, errors.New(cause)
			}),
		}, nil
	}
	code := Main([]string{"migrate", "--apply", dir}, f)
	all := out.String() + errOut.String()
	if code != ExitError {
		t.Errorf("exit %d, want %d", code, ExitError)
	}
	if n := strings.Count(all, "no EC2 IMDS role found"); n > 1 {
		t.Errorf("the credentials error is printed %d times:\n%s", n, all)
	}
	if lines := strings.Split(strings.TrimSpace(errOut.String()), "\n"); len(lines) != 1 || !strings.Contains(lines[0], "AWS credentials") {
		t.Errorf("stderr is not one line about AWS credentials:\n%s", errOut.String())
	}
	if strings.TrimSpace(out.String()) != "" {
		t.Errorf("printed a plan or summary before failing:\n%s", out.String())
	}
	if _, err := os.Stat(filepath.Join(dir, ".secretsweep")); err == nil {
		t.Error("a journal was created before the credentials were checked")
	}
	if calls.Load() != 0 {
		t.Errorf("%d requests reached AWS", calls.Load())
	}
}
