package aws_test

import (
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/internal/credential"
	"github.com/secretsweep/secretsweep/internal/credential/aws"
	"github.com/secretsweep/secretsweep/internal/credential/credtest"
)

func TestSamples(t *testing.T) {
	credtest.CheckSamples(t, aws.Samples,
		func(s credential.Sample) bool { return aws.Verifiable(s.Secret, s.Rule) },
		func(s credential.Sample) bool { return aws.Rotatable(s.Secret) })
}

func TestFind(t *testing.T) {
	line := `default,AKIAFAKEEXAMPLE23456,FAKEsecretKEYexample/0123456789abcdefGHI,0123456789abcdef0123456789abcdef01234567`
	if got := aws.FindKeyID(line); got != "AKIAFAKEEXAMPLE23456" {
		t.Errorf("FindKeyID = %q", got)
	}
	if got := aws.FindSecrets(line); strings.Join(got, ",") != "FAKEsecretKEYexample/0123456789abcdefGHI" {
		t.Errorf("FindSecrets = %q (a hex digest is no secret)", got)
	}
}
