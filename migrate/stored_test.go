package migrate

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// scanReturning is a Scan that returns fixed findings.
func scanReturning(fs ...finding.Finding) ScanFunc {
	return func(context.Context, ScanRequest) (*finding.Result, error) {
		return &finding.Result{Findings: fs}, nil
	}
}

// TestFalseFindingsAreNotStored: a finding the rewriter finds no literal
// for (a format string, a word in a comment) is not stored in Secrets
// Manager; the real one next to it is.
func TestFalseFindingsAreNotStored(t *testing.T) {
	const (
		real  = "sk_live_FAKE51H8xEXAMPLEq7wKj3Lm9PzR2tY6uV"
		bogus = "FAKEformatNPMTOKEN0123"
	)
	api, _ := startMoto(t)
	dir := filepath.Join(t.TempDir(), "shop")
	writeTestFile(t, filepath.Join(dir, "main.go"), "package main\n\nimport \"fmt\"\n\n// NPM token "+bogus+" is read by CI\nconst stripeKey = \""+real+"\"\n\nfunc main() { fmt.Println(stripeKey) }\n", 0o644)
	fs := []finding.Finding{
		{File: "main.go", RuleID: "generic-api-key", Secret: bogus, StartLine: 5, StartColumn: 14, EndLine: 5, EndColumn: 35,
			Line: "// NPM token " + bogus + " is read by CI", Fingerprint: "main.go:generic-api-key:5"},
		{File: "main.go", RuleID: "stripe-access-token", Secret: real, StartLine: 6, StartColumn: 20, EndLine: 6, EndColumn: 61,
			Line: "const stripeKey = \"" + real + "\"", Fingerprint: "main.go:stripe-access-token:6"},
	}
	// The plan announces it before anything is written.
	plan, _, err := runMigrate(t, dir, ModePlan, nil, func(o *Options) { o.Scan = scanReturning(fs...) })
	if err != nil || !strings.Contains(plan, "1 finding(s) not stored") {
		t.Errorf("plan (err %v) does not announce the unstored finding:\n%s", err, plan)
	}
	out, sum, err := runMigrate(t, dir, ModeApply, api, func(o *Options) { o.Scan = scanReturning(fs...) })
	if err != nil {
		t.Fatalf("apply: %v\n%s", err, out)
	}
	stored := secretsInMoto(t, api)
	if len(stored) != 1 || stored["shop/stripeKey"] == nil {
		t.Errorf("stored %v, want only shop/stripeKey", keysOf(stored))
	}
	if sum.NotStored != 1 || !strings.Contains(out, "not stored") {
		t.Errorf("summary %+v; output does not say what was not stored:\n%s", sum, out)
	}
}

// TestOverlappingFindingsAreOneCredential: two rules matching different
// extents of one token (one a character short) plan one secret holding
// the longer match.
func TestOverlappingFindingsAreOneCredential(t *testing.T) {
	const tok = "ghp_FAKE0123456789abcdefEXAMPLExyzABCDEF"
	root := t.TempDir()
	line := `TOKEN = "` + tok + `"`
	fs := []finding.Finding{
		{File: "app.py", RuleID: "generic-api-key", Secret: tok[:len(tok)-1], StartLine: 1, StartColumn: 10, EndLine: 1, EndColumn: 9 + len(tok) - 1,
			Line: line, Fingerprint: "app.py:generic-api-key:1"},
		{File: "app.py", RuleID: "github-pat", Secret: tok, StartLine: 1, StartColumn: 10, EndLine: 1, EndColumn: 9 + len(tok),
			Line: line, Fingerprint: "app.py:github-pat:1"},
		{File: "other.py", RuleID: "github-pat", Secret: tok, StartLine: 3, StartColumn: 1, EndLine: 3, EndColumn: len(tok),
			Line: tok, Fingerprint: "other.py:github-pat:3"},
	}
	p, err := BuildPlan(root, root, fs, nil, PlanOptions{Prefix: "svc", Hasher: testHasher})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Secrets) != 1 || p.Secrets[0].Plain != tok {
		var names []string
		for _, s := range p.Secrets {
			names = append(names, s.Name)
		}
		t.Fatalf("secrets %v, want one holding the full token", names)
	}
	if len(p.Items) != 2 {
		t.Errorf("%d items, want 2 (one per place)", len(p.Items))
	}
	for _, it := range p.Items {
		if it.Finding.Secret != tok {
			t.Errorf("%s:%d keeps the short match", it.File, it.Finding.StartLine)
		}
	}
}

// TestApplyNothingToDo: a run with no findings says so, without a cost
// block or a policy.
func TestApplyNothingToDo(t *testing.T) {
	api, _ := startMoto(t)
	dir := filepath.Join(t.TempDir(), "shop")
	writeTestFile(t, filepath.Join(dir, "main.go"), "package main\n\nfunc main() {}\n", 0o644)
	out, sum, err := runMigrate(t, dir, ModeApply, api, func(o *Options) { o.Scan = scanReturning() })
	if err != nil || sum.Remaining(ModeApply) != 0 {
		t.Fatalf("err %v, summary %+v", err, sum)
	}
	if !strings.Contains(out, "Nothing to do") || strings.Contains(out, "Monthly cost") || strings.Contains(out, "IAM policy") {
		t.Errorf("output:\n%s", out)
	}
}
