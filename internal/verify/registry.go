package verify

import (
	"net/http"
	"time"
)

// Registry returns the verifiers, in the order they are tried, with HTTP
// providers at e's URLs through hc.
func Registry(e Endpoints, hc *http.Client) []Verifier {
	e = e.withDefaults()
	return []Verifier{
		awsVerifier{endpoint: e.AWS, region: e.AWSRegion, hc: hc},
		githubVerifier{base: e.GitHub, hc: hc},
		slackVerifier{base: e.Slack, hc: hc},
		stripeVerifier{base: e.Stripe, hc: hc},
		gitlabVerifier{base: e.GitLab, hc: hc},
		npmVerifier{base: e.NPM, hc: hc},
		postgresVerifier{timeout: 5 * time.Second},
	}
}
