package npm_test

import (
	"testing"

	"github.com/secretsweep/secretsweep/internal/credential"
	"github.com/secretsweep/secretsweep/internal/credential/credtest"
	"github.com/secretsweep/secretsweep/internal/credential/npm"
)

func TestSamples(t *testing.T) {
	credtest.CheckSamples(t, npm.Samples,
		func(s credential.Sample) bool { return npm.Verifiable(s.Secret) },
		func(s credential.Sample) bool { return npm.Revocable(s.Secret) })
}
