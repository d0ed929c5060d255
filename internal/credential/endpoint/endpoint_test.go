package endpoint

import (
	"testing"

	"github.com/secretsweep/secretsweep/internal/credential/github"
	"github.com/secretsweep/secretsweep/internal/credential/npm"
	"github.com/secretsweep/secretsweep/internal/credential/slack"
	"github.com/secretsweep/secretsweep/internal/credential/stripe"
)

func TestFromEnv(t *testing.T) {
	env := map[string]string{
		"AWS_ENDPOINT_URL": "http://127.0.0.1:5000", "GITHUB_API_URL": "https://ghe.example/api/v3/",
		"GITLAB_URL": "https://gitlab.example", "NPM_CONFIG_REGISTRY": "https://npm.example/",
	}
	getenv := func(k string) string { return env[k] }
	want := Set{AWS: "http://127.0.0.1:5000", GitHub: "https://ghe.example/api/v3", Slack: slack.DefaultAPI, Stripe: stripe.DefaultAPI,
		GitLab: "https://gitlab.example", NPM: "https://npm.example", AWSRegion: "us-east-1"}
	if got := FromEnv(getenv); got != want {
		t.Errorf("FromEnv = %+v", got)
	}
	env["AWS_ENDPOINT_URL_STS"] = "http://127.0.0.1:6000"
	if got := FromEnv(getenv); got.AWS != "http://127.0.0.1:6000" {
		t.Errorf("AWS_ENDPOINT_URL_STS ignored: %+v", got)
	}
	if got := FromEnv(func(string) string { return "" }); got.GitHub != github.DefaultAPI || got.NPM != npm.DefaultRegistry || got.AWS != "" {
		t.Errorf("defaults %+v", got)
	}
	// Fields are defaulted one by one.
	if got := (Set{Slack: "http://127.0.0.1:1/api/"}).WithDefaults(); got.Slack != "http://127.0.0.1:1/api" || got.GitHub != github.DefaultAPI {
		t.Errorf("WithDefaults = %+v", got)
	}
}
