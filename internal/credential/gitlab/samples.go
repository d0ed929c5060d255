package gitlab

import "github.com/secretsweep/secretsweep/internal/credential"

// Samples are the token forms this package knows, obviously fake.
var Samples = []credential.Sample{
	{Secret: "glpat-FAKEEXAMPLE000000000", Rule: "gitlab-pat", Verify: true, Revoke: true},
	{Secret: "glpat-FAKEexample_0123456789.abc-def", Rule: "gitlab-pat", Verify: true, Revoke: true},
	{Secret: "glpat-FAKEshort", Rule: "generic-api-key"},
	{Secret: "glptt-FAKEEXAMPLE0000000000000000000000000", Rule: "gitlab-ptt"},
}
