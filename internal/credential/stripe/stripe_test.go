package stripe_test

import (
	"testing"

	"github.com/secretsweep/secretsweep/internal/credential"
	"github.com/secretsweep/secretsweep/internal/credential/credtest"
	"github.com/secretsweep/secretsweep/internal/credential/stripe"
)

// Stripe has no revocation API: no sample is revocable.
func TestSamples(t *testing.T) {
	credtest.CheckSamples(t, stripe.Samples,
		func(s credential.Sample) bool { return stripe.Verifiable(s.Secret) },
		func(credential.Sample) bool { return false })
}
