package slack_test

import (
	"testing"

	"github.com/secretsweep/secretsweep/internal/credential"
	"github.com/secretsweep/secretsweep/internal/credential/credtest"
	"github.com/secretsweep/secretsweep/internal/credential/slack"
)

func TestSamples(t *testing.T) {
	credtest.CheckSamples(t, slack.Samples,
		func(s credential.Sample) bool { return slack.Verifiable(s.Secret) },
		func(s credential.Sample) bool { return slack.Revocable(s.Secret) })
}
