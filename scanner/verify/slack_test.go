package verify

import (
	"net/http"
	"testing"
)

func TestSlackVerifier(t *testing.T) {
	mk := func(base string) Verifier { return slackVerifier(base, http.DefaultClient) }
	runHTTPCases(t, mk, newFinding("slack-bot-token", fakeSlack), "POST /auth.test", nil, []httpCase{
		{"valid", 200, `{"ok":true,"url":"https://subarachnoid.slack.com/","team":"Subarachnoid Workspace","user":"grace","team_id":"T12345678","user_id":"W12345678"}`,
			nil, StatusVerified, "grace in workspace Subarachnoid Workspace"},
		{"invalid_auth", 200, `{"ok":false,"error":"invalid_auth"}`, nil, StatusInvalid, "invalid_auth"},
		{"token_revoked", 200, `{"ok":false,"error":"token_revoked"}`, nil, StatusInvalid, "token_revoked"},
		{"other error", 200, `{"ok":false,"error":"ratelimited"}`, nil, StatusUnknown, "ratelimited"},
		{"http 429", 429, `{"ok":false,"error":"ratelimited"}`, map[string]string{"Retry-After": "30"}, StatusUnknown, "rate limited"},
		{"garbage", 200, `<html>`, nil, StatusUnknown, "unreadable"},
		{"empty", 200, ``, nil, StatusUnknown, "unreadable"},
		{"ok of the wrong type", 200, `{"ok":"true"}`, nil, StatusUnknown, "unreadable"},
	})
	for s, want := range map[string]bool{fakeSlack: true, "xoxp-FAKE-1234-5678-abcdef": true, "xapp-1-FAKE-123": false, "https://hooks.slack.com/services/T0/B0/FAKE": false} {
		if got := slackVerifier("", nil).Match(newFinding("x", s)); got != want {
			t.Errorf("Match(%q) = %v", s, got)
		}
	}
}
