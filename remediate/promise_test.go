package remediate

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/secretsweep/secretsweep/remediate/reread"
	"github.com/secretsweep/secretsweep/scanner"
)

// TestPlanSaysWhatApplyDoes: a leaked value stored in Secrets Manager
// that no built-in engine can rotate (an API key, not a database login) is
// planned as the manual step --apply then reports, not as a rotation.
func TestPlanSaysWhatApplyDoes(t *testing.T) {
	e := startAWS(t)
	value := scanStripeKey
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "app", "settings.py"), "STRIPE = \""+value+"\"\n")
	e.createSecret(t, "orders/service-api-key", value, true)
	fs := scan(t, root, scanner.ModeDir)
	if len(fs) == 0 {
		t.Fatal("no finding")
	}
	ctx := context.Background()
	plan, err := Run(ctx, Options{Findings: fs, Source: &reread.Source{Root: root, Hasher: testHasher}}, e.d)
	if err != nil {
		t.Fatal(err)
	}
	log, err := OpenAuditLog(filepath.Join(t.TempDir(), "audit.jsonl"), testHasher)
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close()
	apply, err := Run(ctx, Options{Findings: fs, Source: &reread.Source{Root: root, Hasher: testHasher}, Apply: true, Audit: log}, e.d)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Items) != 1 || len(apply.Items) != 1 {
		t.Fatalf("plan %d items, apply %d", len(plan.Items), len(apply.Items))
	}
	p, a := plan.Items[0], apply.Items[0]
	if a.Status != StatusManual {
		t.Fatalf("apply status %s, want manual", a.Status)
	}
	if p.Status != StatusManual || p.Action.Kind != "manual" {
		t.Errorf("plan promises %s (%s, steps %v) but apply does %s", p.Status, p.Action.Kind, p.Action.Steps, a.Status)
	}
}

// TestOneCredentialOneAction: one value matched by two rules is one item.
func TestOneCredentialOneAction(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "app", "settings.py"), "STRIPE = \""+scanStripeKey+"\"\n")
	fs := scan(t, root, scanner.ModeDir)
	if len(fs) != 1 {
		t.Fatalf("%d findings", len(fs))
	}
	twin := fs[0]
	twin.RuleID, twin.Fingerprint = "generic-api-key", "app/settings.py:generic-api-key:1"
	d := testDeps()
	sum, err := Run(context.Background(), Options{Findings: append(fs, twin), Source: &reread.Source{Root: root, Hasher: testHasher}}, d)
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Items) != 1 {
		t.Fatalf("%d items for one credential: %+v", len(sum.Items), sum.Items)
	}
	if it := sum.Items[0]; it.Rule != "stripe-access-token" || len(it.Fingerprints) != 2 {
		t.Errorf("item %s with fingerprints %v: want the specific rule and both fingerprints", it.Rule, it.Fingerprints)
	}
}
