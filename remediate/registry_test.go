package remediate

import (
	"context"
	"strings"
	"testing"
)

// testedBy names, for every rotator in Registry, the test that exercises
// it end to end. A rotator added without a test fails TestRegistry.
var testedBy = map[string]string{
	"aws-access-key":         "TestAWSKeyRotator",
	"secretsmanager-lambda":  "TestMatchSecretsByTagAndLambdaFailure",
	"postgresql":             "TestPostgresRotation",
	"github-token":           "TestProviderRevokers",
	"slack-token":            "TestProviderRevokers",
	"gitlab-token":           "TestProviderRevokers",
	"npm-token":              "TestProviderRevokers",
	"secretsmanager-builtin": "TestPostgresRotation",
	"manual":                 "TestManualRotator",
}

func TestRegistry(t *testing.T) {
	rs := Registry(testDeps())
	seen := map[string]bool{}
	for _, r := range rs {
		if seen[r.Name()] {
			t.Errorf("rotator %s registered twice", r.Name())
		}
		seen[r.Name()] = true
		if testedBy[r.Name()] == "" {
			t.Errorf("rotator %s has no test in testedBy", r.Name())
		}
	}
	for name := range testedBy {
		if !seen[name] {
			t.Errorf("testedBy lists %s, which is not registered", name)
		}
	}
	if last := rs[len(rs)-1]; last.Name() != "manual" || !last.Match(&Candidate{}) {
		t.Error("the manual catch-all must be last")
	}
}

func TestRegistryRouting(t *testing.T) {
	d := testDeps()
	tests := []struct {
		name    string
		c       *Candidate
		rotator string
	}{
		{"aws key id", candidate("aws-access-token", "AKIAFAKEEXAMPLE23456"), "aws-access-key"},
		{"aws session key is not rotatable", candidate("aws-access-token", "ASIAFAKEEXAMPLE23456"), "manual"},
		{"postgres url password", func() *Candidate {
			c := candidate("url-embedded-password", "FAKEpw1234")
			c.Context = "url: postgresql://svc:FAKEpw1234@db.internal:6432/orders?sslmode=require"
			return c
		}(), "postgresql"},
		{"mysql url password", func() *Candidate {
			c := candidate("url-embedded-password", "FAKEpw1234")
			c.Context = "url: mysql://svc:FAKEpw1234@db.internal/orders"
			return c
		}(), "manual"},
		{"github app installation token is not revocable", candidate("github-app-token", "ghs_FAKEEXAMPLE00000000000000000000000000"), "manual"},
		{"github pat", candidate("github-pat", fakeGitHubToken), "github-token"},
		{"secret in secrets manager without lambda", func() *Candidate {
			c := candidate("generic-api-key", "FAKE-value")
			c.SecretID = "x"
			return c
		}(), "secretsmanager-builtin"},
		{"stripe", candidate("stripe-access-token", "sk_live_FAKE"), "manual"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := firstMatch(Registry(d), tt.c).Name(); got != tt.rotator {
				t.Fatalf("got %s, want %s", got, tt.rotator)
			}
		})
	}
}

func TestManualRotator(t *testing.T) {
	tests := []struct{ rule, guide string }{
		{"stripe-access-token", "stripe.com"},
		{"slack-webhook-url", "slack.com"},
		{"some-new-rule", "owasp.org"},
	}
	for _, tt := range tests {
		c := candidate(tt.rule, "FAKE-value-123")
		res := manualRotator{}.Apply(context.Background(), c, &memRec{})
		if res.Status != StatusManual || !strings.Contains(res.Guide, tt.guide) {
			t.Errorf("%s: %s %s", tt.rule, res.Status, res.Guide)
		}
		if strings.Contains(strings.Join(manualRotator{}.Plan(c).Steps, " "), "FAKE-value-123") {
			t.Errorf("%s: plan holds the value", tt.rule)
		}
	}
}
