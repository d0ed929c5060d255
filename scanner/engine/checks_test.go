package engine

import (
	"context"
	"testing"
)

// TestRuleChecks checks that the engine runs the rules' Go checks
// (rules.Checks) on their findings: a value the regex and allowlists let
// through is dropped when its check says so, in windows and in whole
// fragments.
func TestRuleChecks(t *testing.T) {
	engines := bothEngines(t)
	for _, tc := range []struct {
		name, path, text, rule string
		want                   bool
	}{
		{"weak password in a broker URL", "app.env", "BROKER=amqp://orders:rabbit9@mq:5672/\n", "url-embedded-password", true},
		{"scaffold user:user@host/user", "app.env", "BROKER=amqp://orders:orders@mq:5672/orders\n", "url-embedded-password", false},
		{"template filler user:user", "app.env", "BROKER=amqp://user:user@mq:5672/\n", "url-embedded-password", false},
		{"a password equal to its user is how the broker was set up", "app.env", "BROKER=amqp://orders:orders@mq:5672/\n", "url-embedded-password", true},
		{"Basic user:pass123 in a cassette", "cassette.yml", "    Authorization:\n    - Basic ZGVwbG95OnBhc3MxMjM0\n", "generic-basic-credential", true},
		{"Basic user:password", "cassette.yml", "    Authorization:\n    - Basic dXNlcjpwYXNzd29yZA==\n", "generic-basic-credential", false},
		{"weak value under a password key", ".env", "DB_PASSWORD=pass123\n", "generic-secret-env", true},
		{"weak value under a token key", ".env", "API_TOKEN=pass123\n", "generic-secret-env", false},
		{"login literal equal to the user", "mail.py", "smtp.login('alerts42', 'alerts42')\n", "login-call-password", false},
	} {
		for mode, e := range engines {
			got := false
			for _, f := range e.Scan(context.Background(), Fragment{Path: tc.path, Text: tc.text, StartLine: 1}) {
				got = got || f.RuleID == tc.rule
			}
			if got != tc.want {
				t.Errorf("%s (%s): %s reported = %v, want %v", tc.name, mode, tc.rule, got, tc.want)
			}
		}
	}
}

// bothEngines returns the default rules' engine in both modes: keyword
// windows, and whole fragments.
func bothEngines(t *testing.T) map[string]Engine {
	t.Helper()
	cfg, err := DefaultConfig()
	if err != nil {
		t.Fatal(err)
	}
	return map[string]Engine{
		"windows": New(cfg, Options{MaxDecodeDepth: 5}),
		"whole":   New(cfg, Options{MaxDecodeDepth: 5, NoWindows: true}),
	}
}
