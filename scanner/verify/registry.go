package verify

import (
	"net/http"
	"time"

	"github.com/secretsweep/secretsweep/internal/credential/endpoint"
)

// Endpoints are the providers' base URLs (internal/credential/endpoint).
type Endpoints = endpoint.Set

// Registry returns the verifiers, in the order they are tried, with HTTP
// providers at e's URLs through hc. Each is an adapter over the package
// of its credential kind (internal/credential/...).
func Registry(e Endpoints, hc *http.Client) []Verifier {
	e = e.WithDefaults()
	return []Verifier{
		awsVerifier{endpoint: e.AWS, region: e.AWSRegion, hc: hc},
		githubVerifier(e.GitHub, hc),
		slackVerifier(e.Slack, hc),
		stripeVerifier(e.Stripe, hc),
		gitlabVerifier(e.GitLab, hc),
		npmVerifier(e.NPM, hc),
		postgresVerifier{timeout: 5 * time.Second},
	}
}
