package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

const (
	testCorpus = "../../testdata/accuracy/corpus"
	testLabels = "../../testdata/accuracy/labels.json"
)

// TestCorpusSize checks the corpus is as large and as varied as promised.
func TestCorpusSize(t *testing.T) {
	labels, err := loadLabels(testLabels, testCorpus)
	if err != nil {
		t.Fatal(err)
	}
	pos, neg := 0, 0
	cats := map[string]bool{}
	for _, l := range labels {
		if l.Positive() {
			pos++
			cats[l.Category] = true
		} else {
			neg++
		}
	}
	if pos < 150 || neg < 150 {
		t.Errorf("corpus has %d credentials and %d negatives, want at least 150 of each", pos, neg)
	}
	if len(cats) < 20 {
		t.Errorf("credentials span %d categories, want at least 20", len(cats))
	}
}

// TestSecretsweepAccuracy runs secretsweep over the corpus and asserts its
// overall precision and recall.
func TestSecretsweepAccuracy(t *testing.T) {
	labels, err := loadLabels(testLabels, testCorpus)
	if err != nil {
		t.Fatal(err)
	}
	findings, err := secretsweepTool(t.TempDir()).Scan(context.Background(), testCorpus)
	if err != nil {
		t.Fatal(err)
	}
	ev := evaluate(findings, labels)
	r, p := ev.Overall.Recall(), ev.Overall.Precision()
	t.Logf("secretsweep: recall %.3f, precision %.3f (%d TP, %d FP, %d of %d credentials found)",
		r, p, ev.Overall.TP, ev.Overall.FP, ev.Overall.Found, ev.Overall.Positives)
	if r < 0.9 || p < 0.9 {
		var buf bytes.Buffer
		printDetails(&buf, "secretsweep", ev)
		t.Errorf("recall %.3f and precision %.3f, want both >= 0.9\n%s", r, p, buf.String())
	}
}

// TestGitleaksBaseline checks the comparison column is gitleaks' rule set
// alone: it must not report what only secretsweep's rules find.
func TestGitleaksBaseline(t *testing.T) {
	findings, err := gitleaksRulesTool(t.TempDir()).Scan(context.Background(), testCorpus)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range findings {
		if strings.HasPrefix(f.RuleID, "generic-secret-") {
			t.Fatalf("gitleaks-only scan reported secretsweep rule %s", f.RuleID)
		}
	}
	if len(findings) == 0 {
		t.Fatal("gitleaks-only scan found nothing")
	}
}

func TestEvaluate(t *testing.T) {
	labels := []Label{
		{File: "a.yml", Line: 3, Category: "ci", Secret: "Xk4!pW9mQz2t"},
		{File: "a.yml", Line: 5, Category: "ci", Secret: "none"},
		{File: "k.yaml", Line: 2, Category: "k8s", Secret: "Xk4!pW9mQz2t"},
		{File: "b.env", Line: 1, Category: "env", Secret: "Lr6#vQ9kTz2w"},
	}
	findings := []Finding{
		{File: "a.yml", StartLine: 3, EndLine: 3, RuleID: "r1", Secret: "Xk4!pW9mQz2t"},
		{File: "a.yml", StartLine: 3, EndLine: 3, RuleID: "r2", Secret: "Xk4!pW9mQz2t"},      // duplicate
		{File: "a.yml", StartLine: 5, EndLine: 5, RuleID: "r1", Secret: "${{ x }}"},          // FP on a negative
		{File: "k.yaml", StartLine: 2, EndLine: 2, RuleID: "r1", Secret: "WGs0IXBXOW1RejJ0"}, // base64 of the label
		{File: "b.env", StartLine: 1, EndLine: 1, RuleID: "r1", Secret: "Lr6"},               // too small a part
		{File: "c.txt", StartLine: 9, EndLine: 9, RuleID: "r1", Secret: "whatever1"},         // unlabelled file
	}
	ev := evaluate(findings, labels)
	want := Score{Positives: 3, Negatives: 1, Found: 2, TP: 2, FP: 3}
	if ev.Overall != want {
		t.Fatalf("overall = %+v, want %+v", ev.Overall, want)
	}
	if got := ev.ByCategory["ci"]; got.TP != 1 || got.FP != 1 || got.Found != 1 {
		t.Errorf("ci = %+v", got)
	}
	if got := ev.ByCategory["unlabelled"]; got == nil || got.FP != 1 {
		t.Errorf("unlabelled = %+v", got)
	}
	if len(ev.Missed) != 1 || ev.Missed[0].File != "b.env" {
		t.Errorf("missed = %+v", ev.Missed)
	}
}

func TestRunPrintsTable(t *testing.T) {
	var out bytes.Buffer
	err := run(context.Background(), []string{"-corpus", testCorpus, "-labels", testLabels}, &out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"secretsweep", "gitleaks-rules", "OVERALL", "github-actions"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}
