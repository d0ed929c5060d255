package cmd

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/secretsweep/secretsweep/internal/awsclient"
	"github.com/secretsweep/secretsweep/internal/testenv"
	"github.com/secretsweep/secretsweep/remediate"
)

const remediateNpmToken = "npm_FAKEEXAMPLE0000000000000000000000000"

func remediateFactory(env map[string]string, awsOK bool) (*Factory, *bytes.Buffer, *bytes.Buffer) {
	f, out, errOut := migrateTestFactory()
	f.Getenv = func(k string) string { return env[k] }
	f.HTTPClient = func() *http.Client { return &http.Client{Timeout: 10 * time.Second} }
	if awsOK {
		f.AWSConfig = awsclient.Load
	}
	return f, out, errOut
}

func TestRemediateFlags(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		args []string
		err  string
	}{
		{"plan and apply", []string{"remediate", "--plan", "--apply", dir}, "mutually exclusive"},
		{"report and history", []string{"remediate", "--report", "r.json", "--history", dir}, "mutually exclusive"},
		{"bad format", []string{"remediate", "--format", "xml", dir}, "unknown format"},
		{"sns without apply", []string{"remediate", "--notify-sns", "arn:aws:sns:us-east-1:1:t", dir}, "needs --apply"},
		{"missing path", []string{"remediate", filepath.Join(dir, "nope")}, "is not a directory"},
		{"missing report", []string{"remediate", "--report", filepath.Join(dir, "nope.json"), dir}, "no such file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, _, errOut := remediateFactory(nil, false)
			if code := Main(tc.args, f); code != ExitError || !strings.Contains(errOut.String(), tc.err) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, errOut.String(), tc.err)
			}
		})
	}
}

// TestRemediatePlanWithoutAWS: planning needs no AWS and writes nothing.
func TestRemediatePlanWithoutAWS(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ".npmrc"), []byte("//registry.npmjs.org/:_authToken="+remediateNpmToken+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, out, errOut := remediateFactory(nil, false)
	if code := Main([]string{"remediate", dir}, f); code != ExitLeaks {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if !strings.Contains(out.String(), "planned") || !strings.Contains(out.String(), "npm-access-token") || strings.Contains(out.String(), remediateNpmToken) {
		t.Fatalf("plan output:\n%s", out.String())
	}
	if _, err := os.Stat(filepath.Join(dir, remediate.AuditDir)); err == nil {
		t.Fatal("plan wrote an audit log")
	}
}

// npmRegistry answers like the npm registry for one live token.
func npmRegistry(t *testing.T) *httptest.Server {
	var mu sync.Mutex
	live := true
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		ok := live && r.Header.Get("Authorization") == "Bearer "+remediateNpmToken
		switch {
		case !ok:
			w.WriteHeader(401)
			io.WriteString(w, `{"error":"You must be logged in"}`)
		case r.Method == "GET" && r.URL.Path == "/-/whoami":
			io.WriteString(w, `{"username":"fake"}`)
		case r.Method == "DELETE" && strings.HasPrefix(r.URL.Path, "/-/npm/v1/tokens/token/"):
			live = false
			io.WriteString(w, `null`)
		default:
			w.WriteHeader(404)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestRemediateApplyEndToEnd(t *testing.T) {
	testenv.StartMoto(t)
	ctx := context.Background()
	cfg, err := awsclient.Load(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	iamc := iam.NewFromConfig(cfg)
	if _, err := iamc.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("ci-bot")}); err != nil {
		t.Fatal(err)
	}
	key, err := iamc.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("ci-bot")})
	if err != nil {
		t.Fatal(err)
	}
	topic, err := sns.NewFromConfig(cfg).CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("alerts")})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	src := "AWS_ACCESS_KEY_ID = \"" + aws.ToString(key.AccessKey.AccessKeyId) + "\"\n"
	if err := os.WriteFile(filepath.Join(dir, "deploy.py"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".npmrc"), []byte("//registry.npmjs.org/:_authToken="+remediateNpmToken+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"NPM_CONFIG_REGISTRY": npmRegistry(t).URL + "/"}

	// A redacted JSON report is the input; values come from the tree.
	report := filepath.Join(t.TempDir(), "report.json")
	f, _, errOut := remediateFactory(env, true)
	if code := Main([]string{"scan", "-f", "json", "-o", report, dir}, f); code != ExitLeaks {
		t.Fatalf("scan exit %d: %s", code, errOut.String())
	}

	f, out, errOut := remediateFactory(env, true)
	code := Main([]string{"remediate", "--apply", "--report", report, "--format", "json", "--notify-sns", aws.ToString(topic.TopicArn), dir}, f)
	if code != ExitClean {
		t.Fatalf("apply exit %d: %s\n%s", code, errOut.String(), out.String())
	}
	var sum remediate.Summary
	if err := json.Unmarshal(out.Bytes(), &sum); err != nil {
		t.Fatal(err)
	}
	if len(sum.Items) != 2 || sum.Count(remediate.StatusDone) != 2 {
		t.Fatalf("summary %+v", sum.Items)
	}
	logText, err := os.ReadFile(remediate.DefaultAuditLog(dir))
	if err != nil || strings.Contains(string(logText), remediateNpmToken) || strings.Contains(string(logText), aws.ToString(key.AccessKey.AccessKeyId)) {
		t.Fatalf("audit log: %v", err)
	}
	keys, _ := iamc.ListAccessKeys(ctx, &iam.ListAccessKeysInput{UserName: aws.String("ci-bot")})
	if len(keys.AccessKeyMetadata) != 2 {
		t.Fatalf("%d keys", len(keys.AccessKeyMetadata))
	}

	// Again, from a fresh scan: nothing left, nothing rotated twice.
	f, out, errOut = remediateFactory(env, true)
	if code := Main([]string{"remediate", "--apply", dir}, f); code != ExitClean || !strings.Contains(out.String(), "2 already-done") {
		t.Fatalf("second apply exit %d: %s\n%s", code, errOut.String(), out.String())
	}
	keys, _ = iamc.ListAccessKeys(ctx, &iam.ListAccessKeysInput{UserName: aws.String("ci-bot")})
	if len(keys.AccessKeyMetadata) != 2 {
		t.Fatalf("rotated twice: %d keys", len(keys.AccessKeyMetadata))
	}

	// A credential only a person can rotate: exit 1 after --apply.
	if err := os.WriteFile(filepath.Join(dir, "pay.py"), []byte("STRIPE = \"sk_live_51HFAKEexample00000000000000000000000000\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, out, errOut = remediateFactory(env, true)
	if code := Main([]string{"remediate", "--apply", "--audit-log", filepath.Join(t.TempDir(), "a.jsonl"), "--only", "stripe-access-token", dir}, f); code != ExitLeaks || !strings.Contains(out.String(), "manual") {
		t.Fatalf("manual exit %d: %s\n%s", code, errOut.String(), out.String())
	}
}
