package verify

import (
	"context"
	"net/http"

	"github.com/secretsweep/secretsweep/internal/credential"
	"github.com/secretsweep/secretsweep/internal/credential/github"
	"github.com/secretsweep/secretsweep/internal/credential/gitlab"
	"github.com/secretsweep/secretsweep/internal/credential/npm"
	"github.com/secretsweep/secretsweep/internal/credential/slack"
	"github.com/secretsweep/secretsweep/internal/credential/stripe"
	"github.com/secretsweep/secretsweep/internal/finding"
)

// tokenVerifier checks a single-part token through its credential
// package: match says which secrets are its kind's, check asks the
// provider.
type tokenVerifier struct {
	name  string
	match func(secret string) bool
	check func(ctx context.Context, secret string) credential.Verdict
}

func (v tokenVerifier) Name() string { return v.name }

func (v tokenVerifier) Match(f finding.Finding) bool { return v.match(f.Secret) }

func (v tokenVerifier) Verify(ctx context.Context, c Candidate) finding.Verification {
	return fromVerdict(v.check(ctx, c.Finding.Secret))
}

// githubVerifier checks GitHub tokens with GET /user.
func githubVerifier(api string, hc *http.Client) Verifier {
	return tokenVerifier{"github", github.Verifiable, github.Client{API: api, HTTP: hc}.Verify}
}

// slackVerifier checks Slack tokens with auth.test.
func slackVerifier(api string, hc *http.Client) Verifier {
	return tokenVerifier{"slack", slack.Verifiable, slack.Client{API: api, HTTP: hc}.Verify}
}

// stripeVerifier checks Stripe keys with GET /v1/balance.
func stripeVerifier(api string, hc *http.Client) Verifier {
	return tokenVerifier{"stripe", stripe.Verifiable, stripe.Client{API: api, HTTP: hc}.Verify}
}

// gitlabVerifier checks GitLab tokens with GET
// /api/v4/personal_access_tokens/self.
func gitlabVerifier(url string, hc *http.Client) Verifier {
	return tokenVerifier{"gitlab", gitlab.Verifiable, gitlab.Client{URL: url, HTTP: hc}.Verify}
}

// npmVerifier checks npm tokens with GET /-/whoami.
func npmVerifier(registry string, hc *http.Client) Verifier {
	return tokenVerifier{"npm", npm.Verifiable, npm.Client{Registry: registry, HTTP: hc}.Verify}
}
