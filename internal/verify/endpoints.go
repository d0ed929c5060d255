package verify

import (
	"strings"
)

// Endpoints are the base URLs of the providers. The zero value of a field
// means the real provider; tests aim them at loopback servers.
type Endpoints struct {
	GitHub string // REST API root, default https://api.github.com
	Slack  string // Web API root, default https://slack.com/api
	Stripe string // default https://api.stripe.com
	GitLab string // instance root, default https://gitlab.com
	NPM    string // registry, default https://registry.npmjs.org
	// AWS is the STS endpoint; empty means the SDK's default for AWSRegion.
	AWS string
	// AWSRegion signs STS calls (default us-east-1).
	AWSRegion string
}

// Real provider URLs.
const (
	defaultGitHub = "https://api.github.com"
	defaultSlack  = "https://slack.com/api"
	defaultStripe = "https://api.stripe.com"
	defaultGitLab = "https://gitlab.com"
	defaultNPM    = "https://registry.npmjs.org"
	defaultRegion = "us-east-1"
)

// EndpointsFromEnv returns the real providers, except where the
// environment redirects a client the user configured: AWS_ENDPOINT_URL_STS
// or AWS_ENDPOINT_URL for STS (as the AWS SDKs honour them) and
// GITHUB_API_URL (GitHub Enterprise Server) for GitHub tokens.
func EndpointsFromEnv(getenv func(string) string) Endpoints {
	e := Endpoints{}
	if v := getenv("AWS_ENDPOINT_URL_STS"); v != "" {
		e.AWS = v
	} else if v := getenv("AWS_ENDPOINT_URL"); v != "" {
		e.AWS = v
	}
	e.GitHub = getenv("GITHUB_API_URL")
	return e.withDefaults()
}

func (e Endpoints) withDefaults() Endpoints {
	def := func(v, d string) string {
		if v == "" {
			return d
		}
		return strings.TrimSuffix(v, "/")
	}
	e.GitHub = def(e.GitHub, defaultGitHub)
	e.Slack = def(e.Slack, defaultSlack)
	e.Stripe = def(e.Stripe, defaultStripe)
	e.GitLab = def(e.GitLab, defaultGitLab)
	e.NPM = def(e.NPM, defaultNPM)
	e.AWSRegion = def(e.AWSRegion, defaultRegion)
	return e
}
