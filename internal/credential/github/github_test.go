package github_test

import (
	"testing"

	"github.com/secretsweep/secretsweep/internal/credential"
	"github.com/secretsweep/secretsweep/internal/credential/credtest"
	"github.com/secretsweep/secretsweep/internal/credential/github"
)

func TestSamples(t *testing.T) {
	credtest.CheckSamples(t, github.Samples,
		func(s credential.Sample) bool { return github.Verifiable(s.Secret) },
		func(s credential.Sample) bool { return github.Revocable(s.Secret) })
}
