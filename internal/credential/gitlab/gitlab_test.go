package gitlab_test

import (
	"testing"

	"github.com/secretsweep/secretsweep/internal/credential"
	"github.com/secretsweep/secretsweep/internal/credential/credtest"
	"github.com/secretsweep/secretsweep/internal/credential/gitlab"
)

func TestSamples(t *testing.T) {
	credtest.CheckSamples(t, gitlab.Samples,
		func(s credential.Sample) bool { return gitlab.Verifiable(s.Secret) },
		func(s credential.Sample) bool { return gitlab.Revocable(s.Secret) })
}
