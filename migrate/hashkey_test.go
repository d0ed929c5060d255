package migrate

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	sm "github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	smtypes "github.com/aws/aws-sdk-go-v2/service/secretsmanager/types"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// assertNoPlainHashes fails when text holds the plain SHA-256 of a fixture
// value (or its first 12 hex digits, as messages used to show).
func assertNoPlainHashes(t *testing.T, what, text string) {
	t.Helper()
	for _, v := range fxValues {
		if h := finding.PlainSHA256(v); strings.Contains(text, h[:12]) {
			t.Errorf("%s holds the plain SHA-256 of a value (hash %s)", what, shortHash(v))
		}
	}
}

// TestApplyUpgradesOldPlainTags: a secret an earlier version of migrate
// created, tagged with the plain SHA-256 of its value, is reused (not
// duplicated, no new version) and its plain hash tag is replaced by the
// keyed one; a secret secretsweep did not create keeps its tags.
func TestApplyUpgradesOldPlainTags(t *testing.T) {
	api, _ := startMoto(t)
	dir := newFixture(t)
	old := &sm.CreateSecretInput{Name: aws.String("payments/stripeKey"), SecretString: aws.String(fxStripe), Tags: []smtypes.Tag{
		{Key: aws.String("tool"), Value: aws.String("secretsweep")},
		{Key: aws.String("secretsweep:path"), Value: aws.String("svc/main.go")},
		{Key: aws.String(finding.TagLegacySHA256), Value: aws.String(finding.PlainSHA256(fxStripe))},
		{Key: aws.String("team"), Value: aws.String("payments")},
	}}
	foreign := &sm.CreateSecretInput{Name: aws.String("payments/GITHUB_TOKEN"), SecretString: aws.String(fxGitHub), Tags: []smtypes.Tag{
		{Key: aws.String("owner"), Value: aws.String("someone else")},
	}}
	for _, in := range []*sm.CreateSecretInput{old, foreign} {
		if _, err := api.CreateSecret(t.Context(), in); err != nil {
			t.Fatal(err)
		}
	}
	out, _, err := runMigrate(t, dir, ModeApply, api, nil)
	if err != nil {
		t.Fatalf("apply: %v\n%s", err, out)
	}
	checkStored(t, api)
	tags := secretsInMoto(t, api)
	for _, tc := range []struct {
		name string
		want map[string]string
	}{
		{"payments/stripeKey", map[string]string{"tool": "secretsweep", "secretsweep:path": "svc/main.go", "team": "payments",
			finding.TagSecretHash: testHasher.Sum(fxStripe), finding.TagHashKeyID: testHasher.KeyID()}},
		{"payments/GITHUB_TOKEN", map[string]string{"owner": "someone else"}},
	} {
		got := tags[tc.name]
		if len(got) != len(tc.want) {
			t.Errorf("%s has tags %v, want %v", tc.name, keysOf(got), keysOf(tc.want))
		}
		for k, v := range tc.want {
			if got[k] != v {
				t.Errorf("%s: tag %s = %q, want %q", tc.name, k, got[k], v)
			}
		}
		for k, v := range got {
			assertNoPlainHashes(t, "tag "+k+" of "+tc.name, v)
		}
	}
	jb, err := os.ReadFile(filepath.Join(dir, JournalDir, JournalFile))
	if err != nil {
		t.Fatal(err)
	}
	assertNoPlainHashes(t, "the journal", string(jb))
	assertNoPlainHashes(t, "the output", out)
}

// TestJournalKeys: a journal written before keyed hashes still gives its
// findings the names it planned; one written with another key is an error
// naming both key ids.
func TestJournalKeys(t *testing.T) {
	other, err := finding.NewHasher([]byte("FAKE-migrate-other-key-000000000"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		entry   JournalEntry
		wantOut string
		wantErr []string
	}{
		{"plain sha256", JournalEntry{SHA256: finding.PlainSHA256(fxStripe)}, "-> payments/legacy/stripe", nil},
		{"keyed, same key", JournalEntry{Hash: testHasher.Sum(fxStripe)}, "-> payments/legacy/stripe", nil},
		{"plain sha256 of another value", JournalEntry{SHA256: finding.PlainSHA256("sk_live_FAKEother")}, "-> payments/stripeKey", nil},
		{"keyed, another key", JournalEntry{Hash: other.Sum(fxStripe)}, "", []string{"journal", "key id " + other.KeyID(), testHasher.KeyID()}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := newFixture(t)
			e := tc.entry
			e.Time, e.Step, e.Fingerprint, e.File, e.Rule, e.Name = "2026-01-01T00:00:00Z", StepPlanned,
				"svc/main.go:stripe-access-token:1", "svc/main.go", "stripe-access-token", "payments/legacy/stripe"
			b, err := json.Marshal(e)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(filepath.Join(dir, JournalDir), 0o700); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, JournalDir, JournalFile), append(b, '\n'), 0o600); err != nil {
				t.Fatal(err)
			}
			out, _, err := runMigrate(t, dir, ModePlan, nil, nil)
			if tc.wantErr != nil {
				if err == nil {
					t.Fatalf("no error:\n%s", out)
				}
				for _, w := range tc.wantErr {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q does not say %q", err, w)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out, "stripe-access-token  hmac:"+shortHash(fxStripe)+" "+tc.wantOut+"\n") {
				t.Errorf("plan does not give the Stripe key %q:\n%s", tc.wantOut, out)
			}
			assertNoPlainHashes(t, "the plan", out)
		})
	}
}
