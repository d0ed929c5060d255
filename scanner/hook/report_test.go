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
	o.redact()
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

// TestHookWriteReportRedactsEverySecret: a finding's match and commit
// message lose the secrets of the other findings too.
func TestHookWriteReportRedactsEverySecret(t *testing.T) {
	const pw = "Wm4tQ8vLz2pRk9"
	fs := []finding.Finding{
		{RuleID: "curl-auth-user", File: "deploy.sh", StartLine: 2, Secret: pw,
			Match:  `curl -H "X-Api: ` + fakePAT + `" -u deploy:` + pw,
			Commit: "0123456789abcdef0123456789abcdef01234567", Message: "Add " + fakePAT + " for CI"},
		{RuleID: "github-pat", File: "deploy.sh", StartLine: 2, Secret: fakePAT, Match: fakePAT,
			Commit: "0123456789abcdef0123456789abcdef01234567", Message: "Add " + fakePAT + " for CI"},
	}
	for _, tc := range []struct {
		name string
		o    *Outcome
	}{
		{"outcome from scans", func() *Outcome {
			o := &Outcome{}
			seen := map[string]bool{}
			o.add(&finding.Result{Findings: fs[:1]}, seen)
			o.add(&finding.Result{Findings: fs[1:]}, seen)
			o.redact()
			return o
		}()},
		{"outcome of unredacted findings", &Outcome{Findings: append([]finding.Finding(nil), fs...)}},
		{"the token's finding ignored", func() *Outcome {
			o := &Outcome{}
			o.add(&finding.Result{Findings: fs[:1], Withheld: []string{fakePAT}}, map[string]bool{})
			o.redact()
			return o
		}()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteReport(&buf, PrePush, "origin", tc.o); err != nil {
				t.Fatal(err)
			}
			for _, s := range []string{fakePAT, pw, fakePAT[4:16], fakePAT[20:32]} {
				if strings.Contains(buf.String(), s) {
					t.Fatalf("report shows (part of) a secret value:\n%s", buf.String())
				}
			}
			if !strings.Contains(buf.String(), `match:       curl -H "X-Api: REDACTED" -u deploy:REDACTED`) {
				t.Errorf("report lacks the redacted match:\n%s", buf.String())
			}
		})
	}
}

// TestHookWriteReportEscapes: file names, rule ids, commit messages,
// remote names and warnings cannot send escape sequences to the terminal.
func TestHookWriteReportEscapes(t *testing.T) {
	o := &Outcome{Findings: []finding.Finding{{
		RuleID: "github-pat\x1b[8m", File: "ci/\x1b[2Jevil\u202e.env", StartLine: 1, Secret: fakePAT,
		Match:       "T=" + fakePAT + "\x1b]0;owned\x07",
		Commit:      "0123456789abcdef0123456789abcdef01234567",
		Message:     "Fix build\x1b]0;pwned\x07\x1b[2J now",
		Fingerprint: "0123456789abcdef0123456789abcdef01234567:ci/\x1b[2Jevil\u202e.env:github-pat:1",
	}}}
	var buf bytes.Buffer
	if err := WriteReport(&buf, PrePush, "origin\x1b[31m", o); err != nil {
		t.Fatal(err)
	}
	if err := WriteWarnings(&buf, []string{"cannot read ci/\x1b[2Jevil.env"}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if strings.ContainsAny(out, "\x1b\x07\u202e") {
		t.Fatalf("report holds raw control characters: %q", out)
	}
	for _, want := range []string{`ci/\x1b[2Jevil\u202e.env:1`, `Fix build\x1b]0;pwned\a\x1b[2J now`, `to origin\x1b[31m`,
		`warning: cannot read ci/\x1b[2Jevil.env`} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}
