package remediate

import (
	"context"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/internal/finding"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	smtypes "github.com/aws/aws-sdk-go-v2/service/secretsmanager/types"
)

// createSecret creates a secret; tagged gives it the hash tags migrate sets.
func (e *awsEnv) createSecret(t *testing.T, name, value string, tagged bool) {
	t.Helper()
	var tags []smtypes.Tag
	if tagged {
		tags = keyedTags(testHasher, value)
	}
	e.createTagged(t, name, value, tags...)
}

func (e *awsEnv) createTagged(t *testing.T, name, value string, tags ...smtypes.Tag) {
	t.Helper()
	in := &secretsmanager.CreateSecretInput{Name: &name, SecretString: &value, Tags: tags}
	if _, err := e.sm.CreateSecret(context.Background(), in); err != nil {
		t.Fatal(err)
	}
}

func tag(k, v string) smtypes.Tag { return smtypes.Tag{Key: aws.String(k), Value: aws.String(v)} }

// keyedTags are the hash tags migrate sets on a plain secret.
func keyedTags(h finding.Hasher, value string) []smtypes.Tag {
	return []smtypes.Tag{tag(finding.TagSecretHash, h.Sum(value)), tag(finding.TagHashKeyID, h.KeyID())}
}

func (e *awsEnv) value(t *testing.T, name, stage string) string {
	t.Helper()
	out, err := e.sm.GetSecretValue(context.Background(), &secretsmanager.GetSecretValueInput{SecretId: &name, VersionStage: &stage})
	if err != nil {
		t.Fatalf("%s %s: %v", name, stage, err)
	}
	return aws.ToString(out.SecretString)
}

func (e *awsEnv) stages(t *testing.T, name string) map[string][]string {
	t.Helper()
	out, err := e.sm.DescribeSecret(context.Background(), &secretsmanager.DescribeSecretInput{SecretId: &name})
	if err != nil {
		t.Fatal(err)
	}
	return out.VersionIdsToStages
}

func TestMatchSecretsByTagAndLambdaFailure(t *testing.T) {
	e := startAWS(t)
	ctx := context.Background()
	const leaked = "FAKE-api-key-0123456789abcdef"
	e.createSecret(t, "payments/api-key", leaked, true)
	e.createSecret(t, "other", "FAKE-unrelated-value", true)
	// Configure a rotation Lambda. moto records the ARN (and a pending
	// version) before failing: it cannot find, and without Docker could not
	// run, the function. That is how a broken rotation Lambda looks.
	arn := "arn:aws:lambda:us-east-1:123456789012:function:rotate-payments"
	_, err := e.sm.RotateSecret(ctx, &secretsmanager.RotateSecretInput{SecretId: aws.String("payments/api-key"),
		RotationLambdaARN: &arn, RotationRules: &smtypes.RotationRulesType{AutomaticallyAfterDays: aws.Int64(30)}})
	if err == nil {
		t.Fatal("moto ran a rotation Lambda: this test expects it cannot")
	}

	// A grouped secret as migrate writes it: one tag per key.
	const grouped = "FAKE-grouped-member-value-77"
	groupedValue := `{"API_KEY":"` + grouped + `","OTHER":"x"}`
	e.createTagged(t, "app/env", groupedValue, append(keyedTags(testHasher, groupedValue), tag(finding.TagSecretHash+":API_KEY", testHasher.Sum(grouped)))...)
	// Secrets migrate created before keyed hashes: plain SHA-256 tags.
	const old, oldMember = "FAKE-old-plain-tagged-value-1", "FAKE-old-grouped-member-2"
	e.createTagged(t, "legacy/api-key", old, tag(finding.TagLegacySHA256, finding.PlainSHA256(old)))
	e.createTagged(t, "legacy/env", `{"K":"`+oldMember+`"}`, tag(finding.TagLegacySHA256+":K", finding.PlainSHA256(oldMember)))
	// A secret tagged by a run with another key cannot be matched: say so.
	otherKey, err := finding.NewHasher([]byte("FAKE-remediate-other-key-0000000"))
	if err != nil {
		t.Fatal(err)
	}
	const elsewhere = "FAKE-tagged-with-another-key-3"
	e.createTagged(t, "elsewhere", elsewhere, keyedTags(otherKey, elsewhere)...)

	c := candidate("generic-api-key", leaked)
	other := candidate("generic-api-key", "FAKE-not-stored-anywhere")
	member := candidate("generic-api-key", grouped)
	oldC, oldMemberC := candidate("generic-api-key", old), candidate("generic-api-key", oldMember)
	elsewhereC := candidate("generic-api-key", elsewhere)
	warns, err := matchSecrets(ctx, e.d, []*Candidate{c, other, member, oldC, oldMemberC, elsewhereC}, "")
	if err != nil {
		t.Fatal(err)
	}
	for cand, want := range map[*Candidate]string{member: "app/env", oldC: "legacy/api-key", oldMemberC: "legacy/env", elsewhereC: ""} {
		if cand.SecretID != want {
			t.Errorf("%s matched %q, want %q", cand.Secret, cand.SecretID, want)
		}
	}
	if len(warns) != 1 || !strings.Contains(warns[0], "hash key id "+otherKey.KeyID()) || !strings.Contains(warns[0], testHasher.KeyID()) {
		t.Errorf("warnings %q, want one naming key ids %s and %s", warns, otherKey.KeyID(), testHasher.KeyID())
	}
	if c.SecretID != "payments/api-key" || c.RotationLambda != arn || other.SecretID != "" {
		t.Fatalf("matched %q (lambda %q), other %q", c.SecretID, c.RotationLambda, other.SecretID)
	}
	if got := Registry(e.d); firstMatch(got, c).Name() != "secretsmanager-lambda" {
		t.Fatalf("rotator %s", firstMatch(got, c).Name())
	}
	rec := &memRec{}
	res := smLambdaRotator{e.d}.Apply(ctx, c, rec)
	if res.Status != StatusFailed || !strings.Contains(res.Err.Error(), "rotation Lambda failed") {
		t.Fatalf("status %s: %v", res.Status, res.Err)
	}
	if v := e.value(t, "payments/api-key", stageCurrent); v != leaked {
		t.Fatal("AWSCURRENT changed by a failed rotation")
	}

	t.Run("--secret-id must hold the value", func(t *testing.T) {
		c := candidate("generic-api-key", leaked)
		if _, err := matchSecrets(ctx, e.d, []*Candidate{c}, "other"); err == nil {
			t.Fatal("no error for a secret that does not hold the value")
		}
		if _, err := matchSecrets(ctx, e.d, []*Candidate{c}, "payments/api-key"); err != nil || c.SecretID != "payments/api-key" {
			t.Fatalf("%v %q", err, c.SecretID)
		}
	})

	t.Run("built-in rotator: unknown shape is a manual step", func(t *testing.T) {
		e.createSecret(t, "opaque", "FAKE-opaque-token-value", false)
		c := candidate("generic-api-key", "FAKE-opaque-token-value")
		c.SecretID = "opaque"
		res := smBuiltinRotator{e.d}.Apply(ctx, c, &memRec{})
		if res.Status != StatusManual || res.Guide == "" {
			t.Fatalf("status %s", res.Status)
		}
	})
}

func firstMatch(rs []Rotator, c *Candidate) Rotator {
	for _, r := range rs {
		if r.Match(c) {
			return r
		}
	}
	return nil
}

// lambdaFinishes wraps the real Secrets Manager client. moto cannot run a
// rotation Lambda here (no Docker), so RotateSecret is sent without the
// Lambda ARN: moto then performs the stage change a finished Lambda would
// (the new version becomes AWSCURRENT), and the rotator's wait sees it.
type lambdaFinishes struct{ SecretsAPI }

func (l lambdaFinishes) RotateSecret(ctx context.Context, in *secretsmanager.RotateSecretInput, o ...func(*secretsmanager.Options)) (*secretsmanager.RotateSecretOutput, error) {
	cp := *in
	cp.RotationLambdaARN = nil
	return l.SecretsAPI.RotateSecret(ctx, &cp, o...)
}

func TestSMLambdaRotatorWaitsForNewVersion(t *testing.T) {
	e := startAWS(t)
	const leaked = "FAKE-lambda-rotated-value-01"
	e.createSecret(t, "svc/token", leaked, true)
	c := candidate("generic-api-key", leaked)
	c.SecretID, c.RotationLambda = "svc/token", "arn:aws:lambda:us-east-1:123456789012:function:rotate"
	d := *e.d
	d.SM = lambdaFinishes{e.d.SM}
	rec := &memRec{}
	res := smLambdaRotator{&d}.Apply(context.Background(), c, rec)
	if res.Status != StatusDone || !rec.has("secretsmanager:DescribeSecret (rotation finished)") {
		t.Fatalf("status %s: %v %v", res.Status, res.Err, rec.steps)
	}
}
