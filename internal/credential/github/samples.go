package github

import "github.com/secretsweep/secretsweep/internal/credential"

// Samples are the token forms this package knows, obviously fake.
var Samples = []credential.Sample{
	{Secret: "ghp_FAKEzork7Qm2vLx9Rk4Tn8Wb3Yc6Hd1Jf5Pa", Rule: "github-pat", Verify: true, Revoke: true},
	{Secret: "gho_FAKEzork7Qm2vLx9Rk4Tn8Wb3Yc6Hd1Jf5Pa", Rule: "github-oauth", Verify: true, Revoke: true},
	{Secret: "ghu_FAKEzork7Qm2vLx9Rk4Tn8Wb3Yc6Hd1Jf5Pa", Rule: "github-app-token", Verify: true, Revoke: true},
	{Secret: "ghs_FAKEzork7Qm2vLx9Rk4Tn8Wb3Yc6Hd1Jf5Pa", Rule: "github-app-token", Verify: true},
	{Secret: "ghr_FAKEzork7Qm2vLx9Rk4Tn8Wb3Yc6Hd1Jf5Pa", Rule: "github-refresh-token", Revoke: true},
	{Secret: "github_pat_11FAKEEXAMPLE0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456", Rule: "github-fine-grained-pat", Verify: true, Revoke: true},
	{Secret: "ghp_FAKEshort", Rule: "generic-api-key"},
	{Secret: "gha_FAKEzork7Qm2vLx9Rk4Tn8Wb3Yc6Hd1Jf5Pa", Rule: "generic-api-key"},
}
