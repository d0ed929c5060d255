package migrate

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	sm "github.com/aws/aws-sdk-go-v2/service/secretsmanager"

	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/secretsweep/secretsweep/migrate/rewrite"
)

// rewritable reports whether a rewriter exists for the fixture file path;
// the tests hold for whichever rewriters the registry lists.
func rewritable(path string) bool { return rewrite.For(path) != nil }

func TestPlanWritesNothing(t *testing.T) {
	dir := newFixture(t)
	before := snapshot(t, dir)
	out, sum, err := runMigrate(t, dir, ModePlan, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if d := diffSnapshots(before, snapshot(t, dir)); len(d) > 0 {
		t.Fatalf("plan changed files: %v", d)
	}
	if _, err := os.Stat(filepath.Join(dir, JournalDir)); err == nil {
		t.Error("plan created the journal directory")
	}
	if sum.Findings != 7 || sum.Secrets != len(fxNames) {
		t.Errorf("summary = %+v, want 7 findings and %d secrets", sum, len(fxNames))
	}
	for name := range fxNames {
		if !strings.Contains(out, "-> "+name) {
			t.Errorf("plan does not name secret %s", name)
		}
	}
	for _, want := range []string{
		"== svc/main.go", "== .env", "== Dockerfile", "secretsmanager:GetSecretValue",
		"arn:aws:secretsmanager:us-east-1:*:secret:payments/stripeKey-??????",
		"Monthly cost of these secrets: $2.70 = 6 secret(s)", "assumes 10000 GetSecretValue calls", "with --group-by file: 6 secret(s)",
		"old values remain in git history", "secretsweep remediate",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("plan lacks %q", want)
		}
	}
	if rewritable("svc/main.go") {
		if !strings.Contains(out, "-const stripeKey = \"REDACTED\"") {
			t.Errorf("plan lacks the redacted diff of svc/main.go:\n%s", out)
		}
	}
	if !strings.Contains(out, "MANUAL:") {
		t.Error("the Dockerfile (no rewriter) is not listed as a manual step")
	}
	var pol PolicyDocument
	i := strings.Index(out, "{\n  \"Version\"")
	j := strings.Index(out[i:], "\n}\n")
	if i < 0 || j < 0 || json.Unmarshal([]byte(out[i:i+j+2]), &pol) != nil || len(pol.Statement[0].Resource) != len(fxNames) {
		t.Errorf("plan's IAM policy does not parse or does not list %d secrets", len(fxNames))
	}
}

func TestApplyEndToEnd(t *testing.T) {
	api, _ := startMoto(t)
	dir := newFixture(t)
	out, sum, err := runMigrate(t, dir, ModeApply, api, nil)
	if err != nil {
		t.Fatalf("apply: %v\n%s", err, out)
	}
	t.Logf("summary: %+v", sum)
	checkStored(t, api)
	tags := secretsInMoto(t, api)
	st := tags["payments/stripeKey"]
	if st["tool"] != "secretsweep" || st[finding.TagSecretHash] != testHasher.Sum(fxStripe) || st[finding.TagHashKeyID] != testHasher.KeyID() ||
		st[finding.TagLegacySHA256] != "" || st["secretsweep:path"] != "svc/main.go" ||
		st["secretsweep:rule"] != "stripe-access-token" || st["secretsweep:repo"] != "https://github.com/acme/payments.git" {
		t.Errorf("tags of payments/stripeKey = %v", st)
	}
	if got := tags["payments/GITHUB_TOKEN"]["secretsweep:path"]; got != ".env svc/main.go" {
		t.Errorf("shared secret's path tag = %q", got)
	}
	for _, tg := range tags {
		for _, v := range tg {
			assertNoValues(t, "a tag", v)
		}
	}
	checkRewritten(t, dir)
	// The journal: excluded from git, no values, every step recorded.
	jb, err := os.ReadFile(filepath.Join(dir, JournalDir, JournalFile))
	if err != nil {
		t.Fatal(err)
	}
	assertNoValues(t, "the journal", string(jb))
	for _, step := range []string{StepPlanned, StepStored, StepVerified, StepManual} {
		if !strings.Contains(string(jb), `"step":"`+step+`"`) {
			t.Errorf("journal has no %s step", step)
		}
	}
	if rewritable("svc/main.go") && !strings.Contains(string(jb), `"step":"file-rewritten","file":"svc/main.go"`) {
		t.Error("journal does not record rewriting svc/main.go")
	}
	if ex, _ := os.ReadFile(filepath.Join(dir, ".git/info/exclude")); !strings.Contains(string(ex), "\n.secretsweep/\n") {
		t.Errorf(".git/info/exclude lacks .secretsweep/: %q", ex)
	}
	if !strings.Contains(out, "old values remain in git history") || !strings.Contains(out, `"arn:aws:secretsmanager:us-east-1:123456789012:secret:payments/stripeKey-`) {
		t.Errorf("summary lacks the reminder or the policy with ARNs:\n%s", out)
	}

	// A second run changes nothing: no new secret versions, no file changes.
	before := snapshot(t, dir)
	delete(before, JournalDir+"/"+JournalFile)
	out2, _, err := runMigrate(t, dir, ModeApply, api, nil)
	if err != nil {
		t.Fatalf("second apply: %v\n%s", err, out2)
	}
	after := snapshot(t, dir)
	delete(after, JournalDir+"/"+JournalFile)
	if d := diffSnapshots(before, after); len(d) > 0 {
		t.Errorf("second run changed %v", d)
	}
	for name := range fxNames {
		if n := versionCount(t, api, name); n != 1 {
			t.Errorf("%s has %d versions after two runs", name, n)
		}
	}
}

// checkStored checks moto holds exactly the fixture's secrets, each with
// its value and one version.
func checkStored(t *testing.T, api *sm.Client) {
	t.Helper()
	got := secretsInMoto(t, api)
	if len(got) != len(fxNames) {
		t.Errorf("moto holds %d secrets, want %d: %v", len(got), len(fxNames), keysOf(got))
	}
	for name, v := range fxNames {
		if secretValue(t, api, name, "") != v {
			t.Errorf("secret %s is missing or holds another value", name)
			continue
		}
		if n := versionCount(t, api, name); n != 1 {
			t.Errorf("secret %s has %d versions, want 1", name, n)
		}
	}
}

// checkRewritten checks every fixture file with a rewriter no longer holds
// its values (the re-scan finds nothing there) and the others are as they
// were.
func checkRewritten(t *testing.T, dir string) {
	t.Helper()
	left := scanFixture(t, dir)
	for name, content := range fxFiles {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !rewritable(name) || !strings.Contains(content, "FAKE") {
			if string(b) != content {
				t.Errorf("%s changed but has no rewriter or no secret", name)
			}
			continue
		}
		if len(left[name]) > 0 {
			// A rewriter may leave a use as a manual step; then the file
			// is untouched or partly migrated, never holding a moved value.
			t.Logf("%s: %d finding(s) left (manual steps)", name, len(left[name]))
		}
		if name == "svc/main.go" && len(left[name]) > 0 {
			t.Errorf("svc/main.go still holds %d value(s)", len(left[name]))
		}
	}
	if st, err := os.Stat(filepath.Join(dir, "app/settings.py")); err != nil || st.Mode().Perm() != 0o755 {
		t.Errorf("app/settings.py lost its mode: %v", st.Mode())
	}
}

func keysOf[V any](m map[string]V) []string { return sortedKeys(m) }

func TestApplyConflictStopsThenOverwrite(t *testing.T) {
	api, _ := startMoto(t)
	dir := newFixture(t)
	const other = "sk_live_FAKEotherVALUEexample000000000"
	if _, err := api.CreateSecret(t.Context(), &sm.CreateSecretInput{Name: aws.String("payments/stripeKey"), SecretString: aws.String(other)}); err != nil {
		t.Fatal(err)
	}
	out, sum, err := runMigrate(t, dir, ModeApply, api, nil)
	if !errors.Is(err, ErrPartial) || sum == nil || sum.Stopped != 1 {
		t.Fatalf("want a partial failure with 1 stopped finding, got %v %+v\n%s", err, sum, out)
	}
	if !strings.Contains(out, "payments/stripeKey exists with a different value; pass --overwrite") {
		t.Errorf("no clear conflict message:\n%s", out)
	}
	src, _ := os.ReadFile(filepath.Join(dir, "svc/main.go"))
	if !strings.Contains(string(src), fxStripe) {
		t.Error("the stopped finding's literal was removed")
	}
	if rewritable("svc/main.go") && strings.Contains(string(src), fxGitHub) {
		t.Error("the other finding in svc/main.go was not migrated")
	}
	if secretValue(t, api, "payments/stripeKey", "") != other {
		t.Error("the existing secret was changed without --overwrite")
	}

	out, _, err = runMigrate(t, dir, ModeApply, api, func(o *Options) { o.Store.Overwrite = true })
	if err != nil {
		t.Fatalf("overwrite: %v\n%s", err, out)
	}
	if secretValue(t, api, "payments/stripeKey", "") != fxStripe || secretValue(t, api, "payments/stripeKey", "AWSPREVIOUS") != other {
		t.Error("after --overwrite AWSCURRENT/AWSPREVIOUS are not the new/old values")
	}
	if !strings.Contains(out, "overwritten payments/stripeKey") {
		t.Errorf("summary does not say overwritten:\n%s", out)
	}
	checkRewritten(t, dir)
}

func TestApplyGroupByFile(t *testing.T) {
	api, _ := startMoto(t)
	dir := newFixture(t)
	out, sum, err := runMigrate(t, dir, ModeApply, api, func(o *Options) { o.GroupByFile = true; o.Prefix = "payments/prod" })
	if err != nil {
		t.Fatalf("apply: %v\n%s", err, out)
	}
	if sum.Secrets != 6 {
		t.Errorf("%d secrets, want one per file with findings (6)", sum.Secrets)
	}
	var m map[string]string
	if err := json.Unmarshal([]byte(secretValue(t, api, "payments/prod/svc/main.go", "")), &m); err != nil {
		t.Fatalf("grouped secret is not JSON: %v", err)
	}
	if len(m) != 2 || m["stripeKey"] != fxStripe || m["githubToken"] != fxGitHub {
		t.Errorf("grouped secret has keys %v", keysOf(m))
	}
	tags := secretsInMoto(t, api)["payments/prod/svc/main.go"]
	if tags[finding.TagSecretHash+":stripeKey"] != testHasher.Sum(fxStripe) {
		t.Errorf("grouped secret lacks the per-key hash tag: %v", tags)
	}
	if rewritable("svc/main.go") {
		src, _ := os.ReadFile(filepath.Join(dir, "svc/main.go"))
		if strings.Contains(string(src), fxStripe) || !strings.Contains(string(src), `"payments/prod/svc/main.go"`) {
			t.Errorf("svc/main.go not rewritten to the grouped secret:\n%s", src)
		}
	}
	// Run again: the grouped secrets are reused, not duplicated.
	if out, _, err := runMigrate(t, dir, ModeApply, api, func(o *Options) { o.GroupByFile = true; o.Prefix = "payments/prod" }); err != nil {
		t.Fatalf("second run: %v\n%s", err, out)
	}
	if n := versionCount(t, api, "payments/prod/svc/main.go"); n != 1 {
		t.Errorf("grouped secret has %d versions", n)
	}
}

func TestApplyReplicaAndKMS(t *testing.T) {
	api, _ := startMoto(t)
	dir := newFixture(t)
	kms := "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555"
	out, _, err := runMigrate(t, dir, ModeApply, api, func(o *Options) {
		o.Store.ReplicaRegions = []string{"us-west-2"}
		o.Store.KMSKeyID = kms
	})
	if err != nil {
		t.Fatalf("apply: %v\n%s", err, out)
	}
	d, err := api.DescribeSecret(t.Context(), &sm.DescribeSecretInput{SecretId: aws.String("payments/stripeKey")})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.ReplicationStatus) != 1 || aws.ToString(d.ReplicationStatus[0].Region) != "us-west-2" {
		t.Errorf("replication status %+v", d.ReplicationStatus)
	}
	for _, want := range []string{
		`"arn:aws:secretsmanager:us-west-2:123456789012:secret:payments/stripeKey-`,
		`"arn:aws:secretsmanager:us-east-1:123456789012:secret:payments/stripeKey-`,
		`"kms:Decrypt"`, kms, "6 secret(s) + 6 replica(s)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
}
