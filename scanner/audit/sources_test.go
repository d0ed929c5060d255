package audit

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/secretsweep/secretsweep/internal/verify"
	"github.com/secretsweep/secretsweep/scanner/audit/audittest"
)

// --actions-logs adds each repository's recent run logs; their findings
// keep the run's link.
func TestAuditActionsLogs(t *testing.T) {
	org := audittest.NewOrg(t, "acme", testToken)
	api := org.AddRepo(&audittest.Repo{Name: "api"})
	api.Commit(t, "init", map[string]string{"main.go": "package main\n"})
	org.AddRun("api", audittest.Run{ID: 9001, Name: "CI", Logs: map[string]string{
		"build": "##[group]Run ./test.sh\nexport GH=" + fakePAT2 + "\nok\n",
	}})
	fx := &fixture{org: org}
	rep := fx.run(t, func(o *Options) { o.ActionsLogs = true; o.LogsHTTP = &http.Client{} })
	r := repoResult(t, rep, "acme/api")
	if r.Status != StatusOK || r.LogFiles == 0 {
		t.Fatalf("api: %+v", r)
	}
	var logs []finding.Finding
	for _, f := range rep.Findings {
		if f.Source == "actions-log" {
			logs = append(logs, f)
		}
	}
	if len(logs) == 0 {
		t.Fatalf("no finding in the run's logs: %+v", rep.Findings)
	}
	for _, f := range logs {
		if f.Repository != "acme/api" || f.Link != "https://github.com/acme/api/actions/runs/9001" || f.Secret != finding.RedactedValue {
			t.Errorf("log finding %+v", f)
		}
	}
}

// fakeVerifier says every GitHub token is live, and records what it saw.
type fakeVerifier struct{ seen *[]string }

func (fakeVerifier) Name() string                 { return "fake" }
func (fakeVerifier) Match(f finding.Finding) bool { return f.RuleID == "github-pat" }
func (v fakeVerifier) Verify(_ context.Context, c verify.Candidate) finding.Verification {
	*v.seen = append(*v.seen, c.Finding.Secret)
	return finding.Verification{Status: verify.StatusVerified}
}

// --verify checks the credentials before they are redacted; the status is
// in the report and the state.
func TestAuditVerify(t *testing.T) {
	fx := newFixture(t)
	var seen []string
	state := t.TempDir() + "/state.json"
	rep := fx.run(t, func(o *Options) {
		o.Verifiers = []verify.Verifier{fakeVerifier{&seen}}
		o.StatePath = state
		o.Select.Filters = []string{"api", "web"}
	})
	if len(seen) != 1 || seen[0] != fakePAT1 {
		t.Errorf("the verifier saw %d secrets, want the api token", len(seen))
	}
	if !rep.Verified {
		t.Error("report not marked verified")
	}
	for _, f := range rep.Findings {
		want := verify.StatusUnknown
		if f.RuleID == "github-pat" {
			want = verify.StatusVerified
		}
		if f.Verification == nil || f.Verification.Status != want || f.Secret != finding.RedactedValue {
			t.Errorf("%s: verification %+v", f.RuleID, f.Verification)
		}
	}
	st, err := LoadState(state)
	if err != nil {
		t.Fatal(err)
	}
	if fs := st.Repositories["acme/api"].Findings; len(fs) != 1 || fs[0].Verification == nil || fs[0].Verification.Status != verify.StatusVerified {
		t.Errorf("state lost the verification: %+v", fs)
	}
	if !strings.Contains(render(t, rep, "html"), "Verification (--verify)") {
		t.Error("HTML has no verification chart")
	}
}
