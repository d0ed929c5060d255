package migrate

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/secretsweep/secretsweep/internal/finding"

	"github.com/secretsweep/secretsweep/migrate/rewrite"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// reportPlan is a hand-built plan: a rewritten file, a manual step, a
// stopped finding and a secret from an earlier run, so the report format
// is pinned independently of the rewriters' output.
func reportPlan() *Plan {
	const v1, v2, v3 = "sk_live_FAKEgoldenVALUE1", "FAKE-golden-value-2", "FAKE-golden-value-3"
	f := func(file, rule, v string, line int) finding.Finding {
		return finding.Finding{File: file, RuleID: rule, Secret: v, StartLine: line, SecretHash: testHasher.Sum(v),
			Fingerprint: file + ":" + rule + ":" + string(rune('0'+line))}
	}
	s1 := &Secret{Name: "payments/STRIPE_KEY", Plain: v1, Action: ActionCreated, Verified: true,
		ARN: "arn:aws:secretsmanager:us-east-1:123456789012:secret:payments/STRIPE_KEY-AbCdEf"}
	s2 := &Secret{Name: "payments/TOKEN", Plain: v2, Action: ActionReused, Verified: true,
		ARN: "arn:aws:secretsmanager:us-east-1:123456789012:secret:payments/TOKEN-GhIjKl"}
	s3 := &Secret{Name: "payments/OTHER", Plain: v3}
	i1 := &Item{Finding: f("cfg/app.conf", "stripe-access-token", v1, 2), File: "cfg/app.conf", Secret: s1}
	i2 := &Item{Finding: f("Dockerfile", "generic-api-key", v2, 3), File: "Dockerfile", Secret: s2,
		Manual: "no rewriter handles this kind of file; replace the value with a lookup of the secret by hand"}
	i3 := &Item{Finding: f("cfg/app.conf", "generic-api-key", v3, 4), File: "cfg/app.conf", Secret: s3,
		Stopped: "secret payments/OTHER exists with a different value; pass --overwrite to store a new version (the old one stays AWSPREVIOUS)"}
	i1.NameReason, i2.NameReason = "from the key STRIPE_KEY", "from the key TOKEN"
	s1.Items, s2.Items, s3.Items = []*Item{i1}, []*Item{i2}, []*Item{i3}
	before := "# app\nstripe = " + v1 + "\nother = " + v3 + "\n"
	after := "# app\nstripe = ${secret:payments/STRIPE_KEY}\nother = " + v3 + "\n"
	return &Plan{
		Root: "/src/payments", Repo: "payments", Prefix: "payments",
		Items:   []*Item{i2, i1, i3},
		Secrets: []*Secret{s3, s1, s2},
		Files: []*FilePlan{
			{Path: "Dockerfile", Items: []*Item{i2}},
			{Path: "cfg/app.conf", Rewriter: "scripted", Items: []*Item{i1, i3}, Before: []byte(before),
				Change: &rewrite.Change{Content: []byte(after), Notes: []string{"the loader needs ${secret:...} support"}}},
		},
		Done: []JournalEntry{{Step: StepVerified, Name: "payments/OLD",
			ARN: "arn:aws:secretsmanager:us-east-1:123456789012:secret:payments/OLD-MnOpQr"}},
	}
}

func TestReportGolden(t *testing.T) {
	o := Options{Mode: ModeApply, Region: "us-east-1", CallsPerSecretMonth: DefaultCallsPerSecretMonth,
		Store: StoreOptions{ReplicaRegions: []string{"eu-west-1"}}}
	for _, tc := range []struct {
		name  string
		write func(*bytes.Buffer)
	}{
		{"plan", func(b *bytes.Buffer) {
			p := reportPlan()
			for _, s := range p.Secrets {
				s.Action, s.ARN, s.Verified = "", "", false
			}
			writePlan(b, p, Options{Mode: ModePlan, Region: "us-east-1", CallsPerSecretMonth: 20000}, nil)
		}},
		{"summary", func(b *bytes.Buffer) {
			p := reportPlan()
			sum := &Summary{Findings: 3, Secrets: 2, Migrated: 1, Manual: 1, Stopped: 1, FilesRewritten: 1}
			writeSummary(b, p, o, sum)
		}},
		{"pr-body", func(b *bytes.Buffer) { b.WriteString(prBody(reportPlan())) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			tc.write(&b)
			for _, v := range []string{"sk_live_FAKEgoldenVALUE1", "FAKE-golden-value-2", "FAKE-golden-value-3"} {
				if bytes.Contains(b.Bytes(), []byte(v)) {
					t.Fatalf("%s output holds a value", tc.name)
				}
			}
			golden := filepath.Join("testdata", tc.name+".golden")
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./migrate/ -run TestReportGolden -update)", err)
			}
			if !bytes.Equal(b.Bytes(), want) {
				t.Errorf("%s output differs from %s:\n%s", tc.name, golden, b.String())
			}
		})
	}
}
