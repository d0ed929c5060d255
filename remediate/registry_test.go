package remediate

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/internal/credential"
	"github.com/secretsweep/secretsweep/internal/credential/credtest"
)

// rotatorOf names, for each credential package (credtest.Kinds), the
// rotator that revokes or rotates the samples it marks Revoke; "" when
// remediate only lists manual steps for the kind.
var rotatorOf = map[string]string{
	"aws": "aws-access-key", "postgres": "postgresql", "github": "github-token", "slack": "slack-token",
	"gitlab": "gitlab-token", "npm": "npm-token", "stripe": "",
}

// storeRotators act on where a value is stored (Secrets Manager), whatever
// its kind, or on anything (manual); TestRegistryRouting covers them.
var storeRotators = map[string]bool{"secretsmanager-lambda": true, "secretsmanager-builtin": true, "manual": true}

// sampleCandidate is a candidate for a credential package's sample.
func sampleCandidate(s credential.Sample) *Candidate {
	c := candidate(s.Rule, s.Secret)
	c.Context = s.Line
	return c
}

// TestRegistry checks the rotators against the credential packages: every
// rotator adapts a package or acts on a store, and each package's rotator,
// and no other, takes exactly the samples the package marks Revoke (the
// rest fall to the manual catch-all).
func TestRegistry(t *testing.T) {
	rs := Registry(testDeps())
	registered := map[string]bool{}
	kindOf := map[string]string{}
	for kind, name := range rotatorOf {
		if name != "" {
			kindOf[name] = kind
		}
	}
	for _, r := range rs {
		if registered[r.Name()] {
			t.Errorf("rotator %s registered twice", r.Name())
		}
		registered[r.Name()] = true
		if kindOf[r.Name()] == "" && !storeRotators[r.Name()] {
			t.Errorf("rotator %s adapts no credential package in rotatorOf and is no store rotator", r.Name())
		}
	}
	kinds := credtest.Kinds()
	if len(kinds) != len(rotatorOf) {
		t.Errorf("%d credential packages, rotatorOf lists %d", len(kinds), len(rotatorOf))
	}
	for _, k := range kinds {
		name, ok := rotatorOf[k.Name]
		if !ok {
			t.Errorf("credential package %s is missing from rotatorOf", k.Name)
		} else if name != "" && !registered[name] {
			t.Errorf("rotator %s of %s is not registered", name, k.Name)
		}
		for _, s := range k.Samples {
			var claimed []string
			for _, r := range rs {
				if r.Name() != "manual" && r.Match(sampleCandidate(s)) {
					claimed = append(claimed, r.Name())
				}
			}
			var want []string
			if s.Revoke {
				want = []string{name}
			}
			if !slices.Equal(claimed, want) {
				t.Errorf("%s sample %.16s... (%s) is taken by %v, want %v", k.Name, s.Secret, s.Rule, claimed, want)
			}
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
