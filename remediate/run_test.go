package remediate

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/secretsweep/secretsweep/internal/finding"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/secretsweep/secretsweep/remediate/reread"
	"github.com/secretsweep/secretsweep/scanner"
)

// Tokens the default rules detect (entropy high enough), fake by construction.
const (
	scanGitLabToken = "glpat-FAKEEXAMPLE000000000"
	scanNpmToken    = "npm_FAKEEXAMPLE0000000000000000000000000"
	scanStripeKey   = "sk_live_51HFAKEexample00000000000000000000000000"
)

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func scan(t *testing.T, root string, mode scanner.Mode) []finding.Finding {
	t.Helper()
	res, err := scanner.Scan(context.Background(), scanner.Options{Path: root, Mode: mode, MaxDecodeDepth: 5, Hasher: testHasher})
	if err != nil {
		t.Fatal(err)
	}
	return res.Findings
}

func statuses(s *Summary) map[string]Status {
	m := map[string]Status{}
	for _, it := range s.Items {
		m[it.Rule] = it.Status
	}
	return m
}

func TestRunPlanApplyResume(t *testing.T) {
	e := startAWS(t)
	leakedKey := e.userWithKey(t, "svc")
	root := t.TempDir()
	if _, err := git.PlainInit(root, false); err != nil {
		t.Fatal(err)
	}
	secrets := []string{leakedKey, scanGitLabToken, scanNpmToken, scanStripeKey}
	writeFile(t, filepath.Join(root, "app", "settings.py"), `AWS_ACCESS_KEY_ID = "`+leakedKey+`"
GITLAB = "`+scanGitLabToken+`"
NPM = "`+scanNpmToken+`"
STRIPE = "`+scanStripeKey+`"
`)
	p := newProviders(t, scanGitLabToken, scanNpmToken)
	p.gitlab()
	p.npm()
	e.d.Endpoints = p.endpoints()
	defer p.srv.Verify(t)
	ctx := context.Background()
	findings := scan(t, root, scanner.ModeDir)
	if len(findings) != 4 {
		t.Fatalf("%d findings", len(findings))
	}

	plan, err := Run(ctx, Options{Findings: findings, Source: &reread.Source{Root: root, Hasher: testHasher}}, e.d)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Status{"aws-access-token": StatusPlanned, "gitlab-pat": StatusPlanned, "npm-access-token": StatusPlanned, "stripe-access-token": StatusManual}
	if got := statuses(plan); !equalStatuses(got, want) {
		t.Fatalf("plan %v", got)
	}
	if len(e.keys(t, "svc")) != 1 {
		t.Fatal("plan changed IAM")
	}

	apply := func() *Summary {
		t.Helper()
		log, err := OpenDefaultAuditLog(root, testHasher)
		if err != nil {
			t.Fatal(err)
		}
		defer log.Close()
		// Scan again, as a user would: the audit log is inside the tree.
		sum, err := Run(ctx, Options{Findings: scan(t, root, scanner.ModeDir), Source: &reread.Source{Root: root, Hasher: testHasher}, Apply: true, Audit: log}, e.d)
		if err != nil {
			t.Fatal(err)
		}
		return sum
	}
	sum := apply()
	want = map[string]Status{"aws-access-token": StatusDone, "gitlab-pat": StatusDone, "npm-access-token": StatusDone, "stripe-access-token": StatusManual}
	if got := statuses(sum); !equalStatuses(got, want) {
		t.Fatalf("apply %v %+v", got, sum.Items)
	}
	logText, err := os.ReadFile(DefaultAuditLog(root))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range secrets {
		if bytes.Contains(logText, []byte(s)) {
			t.Fatalf("audit log holds a secret value")
		}
	}
	var n int
	for _, line := range strings.Split(strings.TrimSpace(string(logText)), "\n") {
		var r AuditRecord
		if err := json.Unmarshal([]byte(line), &r); err != nil || r.Fingerprint == "" || r.Action == "" || r.Result == "" || r.Time.IsZero() {
			t.Fatalf("bad record %q: %v", line, err)
		}
		n++
	}
	if n < 10 {
		t.Fatalf("only %d audit records", n)
	}
	if ex, _ := os.ReadFile(filepath.Join(root, ".git", "info", "exclude")); !strings.Contains(string(ex), ".secretsweep/") {
		t.Fatalf("exclude: %q", ex)
	}

	sum = apply()
	want = map[string]Status{"aws-access-token": StatusAlreadyDone, "gitlab-pat": StatusAlreadyDone, "npm-access-token": StatusAlreadyDone, "stripe-access-token": StatusManual}
	if got := statuses(sum); !equalStatuses(got, want) || len(sum.Items) != 4 {
		t.Fatalf("second apply %v", got)
	}
	if keys := e.keys(t, "svc"); len(keys) != 2 {
		t.Fatalf("second apply rotated again: %d keys", len(keys))
	}

	t.Run("from a redacted report, values re-read from the tree", func(t *testing.T) {
		fs := scan(t, root, scanner.ModeDir)
		finding.RedactAll(fs)
		b, _ := json.Marshal(fs)
		got, err := finding.ReadJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		sum, err := Run(ctx, Options{Findings: got, Source: &reread.Source{Root: root, Hasher: testHasher}, Only: []string{"aws-access-token", "npm-access-token"}}, e.d)
		if err != nil {
			t.Fatal(err)
		}
		if st := statuses(sum); st["aws-access-token"] != StatusPlanned || st["npm-access-token"] != StatusPlanned || len(st) != 2 {
			t.Fatalf("report plan %v", st)
		}
		// The file changed since the report: nothing to act on, say so.
		writeFile(t, filepath.Join(root, "app", "settings.py"), "NPM = os.environ['NPM_TOKEN']\n")
		sum, err = Run(ctx, Options{Findings: got, Source: &reread.Source{Root: root, Hasher: testHasher}, Fingerprints: []string{"app/settings.py:npm-access-token:3"}}, e.d)
		if err != nil {
			t.Fatal(err)
		}
		if len(sum.Items) != 1 || sum.Items[0].Status != StatusFailed || !strings.Contains(sum.Items[0].Error, "no longer holds") {
			t.Fatalf("changed source: %+v", sum.Items)
		}
	})
}

func equalStatuses(a, b map[string]Status) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestRunHistoryRereadsBlob(t *testing.T) {
	root := t.TempDir()
	repo, err := git.PlainInit(root, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, _ := repo.Worktree()
	sig := &object.Signature{Name: "dev", Email: "dev@example.com", When: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	commit := func(msg string) {
		if _, err := wt.Add("."); err != nil {
			t.Fatal(err)
		}
		if _, err := wt.Commit(msg, &git.CommitOptions{Author: sig}); err != nil {
			t.Fatal(err)
		}
	}
	writeFile(t, filepath.Join(root, ".npmrc"), "//registry.npmjs.org/:_authToken="+scanNpmToken+"\n")
	commit("add npmrc")
	writeFile(t, filepath.Join(root, ".npmrc"), "//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n")
	commit("use env")

	fs := scan(t, root, scanner.ModeHistory)
	finding.RedactAll(fs) // as if from a report
	var npm []finding.Finding
	for _, f := range fs {
		if f.RuleID == "npm-access-token" {
			npm = append(npm, f)
		}
	}
	if len(npm) != 1 || npm[0].Commit == "" {
		t.Fatalf("history findings %+v", fs)
	}
	src := &reread.Source{Root: root, Hasher: testHasher}
	secret, _, err := src.Reread(context.Background(), &npm[0])
	if err != nil || secret != scanNpmToken {
		t.Fatalf("re-read from blob: %v", err)
	}
	sum, err := Run(context.Background(), Options{Findings: npm, Source: src}, testDeps())
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Items) != 1 || sum.Items[0].Rotator != "npm-token" || sum.Items[0].Commit == "" {
		t.Fatalf("%+v", sum.Items)
	}
}

// TestRunHistoryRereadsCommitMessage: a secret found in a commit message
// is read again from that message.
func TestRunHistoryRereadsCommitMessage(t *testing.T) {
	root := t.TempDir()
	repo, err := git.PlainInit(root, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, _ := repo.Worktree()
	sig := &object.Signature{Name: "dev", Email: "dev@example.com", When: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	writeFile(t, filepath.Join(root, "README.md"), "hello\n")
	if _, err := wt.Add("."); err != nil {
		t.Fatal(err)
	}
	if _, err := wt.Commit("Publish with\n\nnpm token "+scanNpmToken+"\n", &git.CommitOptions{Author: sig}); err != nil {
		t.Fatal(err)
	}
	fs := scan(t, root, scanner.ModeHistory)
	finding.RedactAll(fs) // as if from a report
	if len(fs) != 1 || fs[0].File != finding.CommitMessageFile || fs[0].StartLine != 3 {
		t.Fatalf("history findings %+v", fs)
	}
	secret, text, err := (&reread.Source{Root: root, Hasher: testHasher}).Reread(context.Background(), &fs[0])
	if err != nil || secret != scanNpmToken || !strings.Contains(text, "npm token") {
		t.Fatalf("re-read from the commit message: %v (context %q)", err, text)
	}
}

func TestRunPairsAWSSecretKeyWithItsKeyID(t *testing.T) {
	e := startAWS(t)
	leakedKey := e.userWithKey(t, "paired")
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "credentials.csv"), "User name,Password,Access key ID,Secret access key\npaired,,"+leakedKey+",Qv8L2mXz7Rk9Tw3Bn5Cy1Hd4Fg6Ja0Ue2IoPl8Sx\n")
	fs := scan(t, root, scanner.ModeDir)
	if len(fs) != 2 {
		t.Fatalf("%d findings", len(fs))
	}
	log, err := OpenAuditLog(filepath.Join(t.TempDir(), "audit.jsonl"), testHasher)
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close()
	sum, err := Run(context.Background(), Options{Findings: fs, Source: &reread.Source{Root: root, Hasher: testHasher}, Apply: true, Audit: log}, e.d)
	if err != nil {
		t.Fatal(err)
	}
	if st := statuses(sum); st["aws-access-token"] != StatusDone || st[awsSecretRule] != StatusDone {
		t.Fatalf("%v %+v", st, sum.Items)
	}
	if keys := e.keys(t, "paired"); keys[leakedKey] != "Inactive" {
		t.Fatalf("keys %v", keys)
	}
}
