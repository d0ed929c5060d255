// Package endpoint is where secretsweep sends each kind of credential: the
// providers' real APIs, unless the environment names another (a GitHub
// Enterprise Server, a self-managed GitLab, a local STS). Verification and
// remediation read the same Set, so a token is checked and revoked at the
// same place.
package endpoint

import (
	"github.com/secretsweep/secretsweep/internal/credential/aws"
	"github.com/secretsweep/secretsweep/internal/credential/github"
	"github.com/secretsweep/secretsweep/internal/credential/gitlab"
	"github.com/secretsweep/secretsweep/internal/credential/httpx"
	"github.com/secretsweep/secretsweep/internal/credential/npm"
	"github.com/secretsweep/secretsweep/internal/credential/slack"
	"github.com/secretsweep/secretsweep/internal/credential/stripe"
)

// Set holds the base URL of each provider. An empty field means the real
// provider; tests aim them at loopback servers.
type Set struct {
	GitHub string // REST API root
	Slack  string // Web API root
	Stripe string // API root
	GitLab string // instance root
	NPM    string // registry
	// AWS is the STS endpoint; empty means the SDK's default for AWSRegion.
	AWS string
	// AWSRegion signs STS calls.
	AWSRegion string
}

// FromEnv is the real providers, except where the environment moves a
// client the user configured: GITHUB_API_URL, SLACK_API_URL, GITLAB_URL,
// NPM_CONFIG_REGISTRY, and AWS_ENDPOINT_URL_STS or AWS_ENDPOINT_URL for
// STS (as the AWS SDKs honour them).
func FromEnv(getenv func(string) string) Set {
	s := Set{
		GitHub: getenv(github.EnvAPI),
		Slack:  getenv(slack.EnvAPI),
		GitLab: getenv(gitlab.EnvURL),
		NPM:    getenv(npm.EnvRegistry),
		AWS:    getenv(aws.EnvSTS),
	}
	if s.AWS == "" {
		s.AWS = getenv(aws.EnvEndpoint)
	}
	return s.WithDefaults()
}

// WithDefaults fills each empty field with the real provider and drops
// trailing slashes.
func (s Set) WithDefaults() Set {
	s.GitHub = httpx.Base(s.GitHub, github.DefaultAPI)
	s.Slack = httpx.Base(s.Slack, slack.DefaultAPI)
	s.Stripe = httpx.Base(s.Stripe, stripe.DefaultAPI)
	s.GitLab = httpx.Base(s.GitLab, gitlab.DefaultURL)
	s.NPM = httpx.Base(s.NPM, npm.DefaultRegistry)
	s.AWS = httpx.Base(s.AWS, "")
	s.AWSRegion = httpx.Base(s.AWSRegion, aws.DefaultRegion)
	return s
}
