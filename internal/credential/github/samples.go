package github

import "github.com/secretsweep/secretsweep/internal/credential"

// Samples are the token forms this package knows, obviously fake.
var Samples = []credential.Sample{
	{Secret: "ghp_FAKE0a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P", Rule: "github-pat", Verify: true, Revoke: true},
	{Secret: "gho_FAKE0a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P", Rule: "github-oauth", Verify: true, Revoke: true},
	{Secret: "ghu_FAKE0a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P", Rule: "github-app-token", Verify: true, Revoke: true},
	{Secret: "ghs_FAKE0a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P", Rule: "github-app-token", Verify: true},
	{Secret: "ghr_FAKE0a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P", Rule: "github-refresh-token", Revoke: true},
	{Secret: "github_pat_11FAKEEXAMPLE0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456", Rule: "github-fine-grained-pat", Verify: true, Revoke: true},
	{Secret: "ghp_FAKEshort", Rule: "generic-api-key"},
	{Secret: "gha_FAKE0a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P", Rule: "generic-api-key"},
}
