package npm

import "github.com/secretsweep/secretsweep/internal/credential"

// Samples are the token forms this package knows, obviously fake.
var Samples = []credential.Sample{
	{Secret: "npm_FAKEEXAMPLE0000000000000000000000000", Rule: "npm-access-token", Verify: true, Revoke: true},
	{Secret: "npm_FAKEexample0123456789abcdefghijklmno", Rule: "npm-access-token", Verify: true, Revoke: true},
	{Secret: "npm_FAKEshort", Rule: "generic-api-key"},
}
