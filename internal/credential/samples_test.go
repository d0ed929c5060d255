package credential_test

import (
	"testing"

	"github.com/secretsweep/secretsweep/internal/credential"
	"github.com/secretsweep/secretsweep/internal/credential/aws"
	"github.com/secretsweep/secretsweep/internal/credential/credtest"
	"github.com/secretsweep/secretsweep/internal/credential/github"
	"github.com/secretsweep/secretsweep/internal/credential/gitlab"
	"github.com/secretsweep/secretsweep/internal/credential/npm"
	"github.com/secretsweep/secretsweep/internal/credential/postgres"
	"github.com/secretsweep/secretsweep/internal/credential/slack"
	"github.com/secretsweep/secretsweep/internal/credential/stripe"
)

// TestSamples checks each credential package's samples against the
// package's own predicates: what its live check takes must be exactly the
// samples marked Verify, what remediate revokes or rotates exactly those
// marked Revoke. Every package lists forms it takes and forms it leaves
// alone. (The verify and remediate registry tests check their entries
// against the same samples.)
func TestSamples(t *testing.T) {
	secret := func(f func(string) bool) func(credential.Sample) bool {
		return func(s credential.Sample) bool { return f(s.Secret) }
	}
	never := func(credential.Sample) bool { return false }
	pgFound := func(s credential.Sample) bool { _, ok := postgres.Find(s.Secret, s.Secret, s.Line); return ok }
	preds := map[string]struct{ verifiable, revocable func(credential.Sample) bool }{
		"aws":      {func(s credential.Sample) bool { return aws.Verifiable(s.Secret, s.Rule) }, secret(aws.Rotatable)},
		"github":   {secret(github.Verifiable), secret(github.Revocable)},
		"slack":    {secret(slack.Verifiable), secret(slack.Revocable)},
		"stripe":   {secret(stripe.Verifiable), never}, // Stripe has no API to roll a key
		"gitlab":   {secret(gitlab.Verifiable), secret(gitlab.Revocable)},
		"npm":      {secret(npm.Verifiable), secret(npm.Revocable)},
		"postgres": {pgFound, pgFound}, // a URL is rotated exactly when it is checked
	}
	kinds := credtest.Kinds()
	if len(kinds) != len(preds) {
		t.Errorf("%d kinds in credtest.Kinds, %d here", len(kinds), len(preds))
	}
	for _, k := range kinds {
		t.Run(k.Name, func(t *testing.T) {
			p, ok := preds[k.Name]
			if !ok {
				t.Fatalf("no predicates for %s", k.Name)
			}
			var taken, left int
			for _, s := range k.Samples {
				if got := p.verifiable(s); got != s.Verify {
					t.Errorf("%s sample %.16s...: verifiable = %v, the sample says %v", s.Rule, s.Secret, got, s.Verify)
				}
				if got := p.revocable(s); got != s.Revoke {
					t.Errorf("%s sample %.16s...: revocable = %v, the sample says %v", s.Rule, s.Secret, got, s.Revoke)
				}
				if s.Verify || s.Revoke {
					taken++
				} else {
					left++
				}
			}
			if taken == 0 || left == 0 {
				t.Errorf("%d samples taken and %d left alone: list both", taken, left)
			}
		})
	}
}
