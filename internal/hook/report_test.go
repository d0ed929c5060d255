package hook

import (
	"bytes"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/internal/finding"
)

const fakePAT = "ghp_FAKEfake0123456789abcdefFAKEfake0123"

// testHasher makes keyed hashes with a fake key.
var testHasher = func() finding.Hasher {
	h, err := finding.NewHasher([]byte("FAKE-hook-test-key-0000000000000"))
	if err != nil {
		panic(err)
	}
	return h
}()

func sampleFindings() []finding.Finding {
	return []finding.Finding{
		{
			RuleID: "github-pat", File: "deploy/ci.env", StartLine: 3,
			Match: "GITHUB_TOKEN=" + fakePAT, Secret: fakePAT, Line: "export GITHUB_TOKEN=" + fakePAT,
			Commit:      "0123456789abcdef0123456789abcdef01234567",
			Message:     "Add CI token " + fakePAT + "\n\nlong body",
			Fingerprint: "0123456789abcdef0123456789abcdef01234567:deploy/ci.env:github-pat:3",
			SecretHash:  testHasher.Sum(fakePAT),
		},
		{
			RuleID: "aws-access-token", File: "app/settings.py", StartLine: 10,
			Match: strings.Repeat("x", 150), Secret: "AKIA2E3FAKEJ5KQ7MZXB",
			Fingerprint: "app/settings.py:aws-access-token:10",
			SecretHash:  testHasher.Sum("AKIA2E3FAKEJ5KQ7MZXB"),
		},
	}
}

func TestHookWriteReport(t *testing.T) {
	tests := []struct {
		golden string
		kind   Kind
		remote string
		n      int
	}{
		{"report-pre-push.txt", PrePush, "origin", 2},
		{"report-pre-push-one.txt", PrePush, "", 1},
		{"report-pre-commit.txt", PreCommit, "", 2},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			o := &Outcome{}
			r := &finding.Result{Findings: sampleFindings()[:tt.n]}
			o.add(r, map[string]bool{})
			var buf bytes.Buffer
			if err := WriteReport(&buf, tt.kind, tt.remote, o); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			for _, s := range []string{fakePAT, "AKIA2E3FAKEJ5KQ7MZXB"} {
				if strings.Contains(out, s) {
					t.Fatalf("report shows a secret value:\n%s", out)
				}
			}
			golden(t, tt.golden, out)
		})
	}
}

func TestHookOutcomeDedupAndRedact(t *testing.T) {
	o := &Outcome{}
	seen := map[string]bool{}
	fs := sampleFindings()
	o.add(&finding.Result{Findings: fs[:1], Stats: finding.Stats{Commits: 2, Warnings: []string{"w1"}}}, seen)
	o.add(&finding.Result{Findings: fs, Stats: finding.Stats{Commits: 1}}, seen)
	if len(o.Findings) != 2 || o.Commits != 3 || len(o.Warnings) != 1 {
		t.Fatalf("outcome = %d findings, %d commits, %v warnings", len(o.Findings), o.Commits, o.Warnings)
	}
	for _, f := range o.Findings {
		if !f.Redacted() || f.Secret != finding.RedactedValue || strings.Contains(f.Message+f.Match+f.Line, fakePAT) {
			t.Errorf("finding %s not fully redacted: %+v", f.Fingerprint, f)
		}
	}
}

func TestHookWriteWarnings(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteWarnings(&buf, []string{"3 objects missing\n(shallow clone)"}); err != nil {
		t.Fatal(err)
	}
	if got, want := buf.String(), "secretsweep: warning: 3 objects missing (shallow clone)\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
