package aws

import "github.com/secretsweep/secretsweep/internal/credential"

// Samples are the key forms this package knows, obviously fake.
var Samples = []credential.Sample{
	{Secret: "AKIAFAKEEXAMPLE23456", Rule: "aws-access-token", Verify: true, Revoke: true},
	{Secret: "ASIAFAKEEXAMPLE23456", Rule: "aws-access-token", Verify: true},
	{Secret: "ABIAFAKEEXAMPLE23456", Rule: "aws-access-token", Verify: true},
	{Secret: "AKIAFAKEEXAMPLE01890", Rule: "generic-api-key"},
	{Secret: "FAKEsecretKEYexample/0123456789abcdefGHI", Rule: "aws-secret-access-key", Line: "aws_secret_access_key = FAKEsecretKEYexample/0123456789abcdefGHI", Verify: true},
	{Secret: "FAKEsecretKEYexample/0123456789abcdefGHI", Rule: "generic-api-key"},
	{Secret: "FAKEEXAMPLE0123456789ABCDEF0123456789ABC", Rule: "aws-secret-access-key"}, // no lower case: no secret key
}
