package slack

import "github.com/secretsweep/secretsweep/internal/credential"

// Samples are the token forms this package knows, obviously fake.
var Samples = []credential.Sample{
	{Secret: "xoxb-0000000000-0000000000000-FAKEEXAMPLEfake00000000", Rule: "slack-bot-token", Verify: true, Revoke: true},
	{Secret: "xoxp-0000000000-0000000000-0000000000000-FAKEEXAMPLEfake000000000000000", Rule: "slack-user-token", Verify: true, Revoke: true},
	{Secret: "xoxe.xoxp-1-FAKEEXAMPLEfake0000000000000000000000000000", Rule: "slack-config-access-token", Verify: true, Revoke: true},
	{Secret: "xoxs-FAKE-1234567890-abcdefEXAMPLE", Rule: "slack-legacy-token", Verify: true, Revoke: true},
	{Secret: "xoxe-1-FAKEEXAMPLEfake0000000000000000000000000000", Rule: "slack-config-refresh-token"},
	{Secret: "xoxr-FAKE-1234567890-abcdefEXAMPLE", Rule: "slack-legacy-token"},
	{Secret: "xapp-1-A0FAKE-1234567890-abcdefEXAMPLE", Rule: "slack-app-token"},
	{Secret: "https://hooks.slack.com/services/T0FAKE/B0FAKE/FAKEEXAMPLEfake", Rule: "slack-webhook-url"},
}
