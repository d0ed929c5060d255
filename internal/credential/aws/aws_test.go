package aws_test

import (
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/internal/credential/aws"
)

func TestFind(t *testing.T) {
	line := `default,AKIAFAKEEXAMPLE23456,FAKEsecretKEYexample/0123456789abcdefGHI,0123456789abcdef0123456789abcdef01234567`
	if got := aws.FindKeyID(line); got != "AKIAFAKEEXAMPLE23456" {
		t.Errorf("FindKeyID = %q", got)
	}
	if got := aws.FindSecrets(line); strings.Join(got, ",") != "FAKEsecretKEYexample/0123456789abcdefGHI" {
		t.Errorf("FindSecrets = %q (a hex digest is no secret)", got)
	}
}
