// Package slack knows Slack tokens: their formats and the Web API methods
// that check (auth.test) and revoke (auth.revoke) a token with itself.
package slack

import (
	"context"
	"fmt"
	"net/http"
	"regexp"

	"github.com/secretsweep/secretsweep/internal/credential"
	"github.com/secretsweep/secretsweep/internal/credential/httpx"
)

// DefaultAPI is the Web API root.
const DefaultAPI = "https://slack.com/api"

// EnvAPI names the environment variable that moves the Web API.
const EnvAPI = "SLACK_API_URL"

// Guide is Slack's page on token rotation.
const Guide = "https://api.slack.com/authentication/rotation"

// Token matches the access tokens that call the Web API: bot (xoxb-),
// user (xoxp-), workspace app (xoxa-) and legacy (xoxs-) tokens, and the
// rotating forms of bot and user tokens (xoxe.xoxb-, xoxe.xoxp-). Refresh
// tokens (xoxe-, xoxr-) are not: auth.test and auth.revoke reject them
// whether or not they work, so they are left to manual steps.
var Token = regexp.MustCompile(`^(?:xoxe\.)?xox[abps]-[0-9A-Za-z-]{10,250}$`)

// Verifiable reports whether auth.test can check s.
func Verifiable(s string) bool { return Token.MatchString(s) }

// Revocable reports whether auth.revoke can revoke s.
func Revocable(s string) bool { return Token.MatchString(s) }

// dead are the errors that mean the token no longer works.
var dead = map[string]bool{"invalid_auth": true, "account_inactive": true, "token_revoked": true, "token_expired": true}

// Client calls the Web API at API (DefaultAPI when empty) through HTTP.
type Client struct {
	API  string
	HTTP *http.Client
}

const provider = "Slack"

// answer is the common part of Web API answers.
type answer struct {
	OK      bool   `json:"ok"`
	Error   string `json:"error"`
	Revoked bool   `json:"revoked"`
	Team    string `json:"team"`
	User    string `json:"user"`
}

// call POSTs to a Web API method with the token and decodes its answer.
func (c Client) call(ctx context.Context, method, token string) (httpx.Response, answer, error) {
	r, err := httpx.Do(ctx, c.HTTP, httpx.Request{Provider: provider, Method: http.MethodPost, URL: httpx.Base(c.API, DefaultAPI) + "/" + method,
		Header: http.Header{"Authorization": {"Bearer " + token}, "Content-Type": {"application/x-www-form-urlencoded"}}})
	if err != nil {
		return r, answer{}, err
	}
	var a answer
	if r.Status != http.StatusOK {
		return r, a, nil
	}
	if err := r.JSON(&a); err != nil {
		return r, a, fmt.Errorf("%s: %w", method, err)
	}
	return r, a, nil
}

// Verify asks auth.test whether the token works: only an answer with
// "ok": true verifies it.
func (c Client) Verify(ctx context.Context, token string) credential.Verdict {
	r, a, err := c.call(ctx, "auth.test", token)
	switch {
	case err != nil && r.Status == http.StatusOK:
		return httpx.Shapeless(provider, r, err)
	case err != nil:
		return credential.Unknownf("%v", err)
	case r.Status != http.StatusOK:
		return httpx.Unexpected(provider, r)
	case a.OK:
		return credential.VerifiedBecause("Slack: token of %s in workspace %s", a.User, a.Team)
	case dead[a.Error]:
		return credential.InvalidBecause("Slack: %s", a.Error)
	case a.Error != "":
		return credential.Unknownf("Slack: %s", a.Error)
	}
	return credential.Unknownf("Slack: auth.test answered neither ok nor an error")
}

// RevokePlan lists what Revoke calls.
func (c Client) RevokePlan(string) []string {
	return []string{
		"POST " + httpx.Base(c.API, DefaultAPI) + "/auth.revoke with the token",
		"reinstall the app or issue a new token and store it (secretsweep migrate)",
	}
}

// Revoke revokes the token with auth.revoke.
func (c Client) Revoke(ctx context.Context, token, target string, rec credential.Recorder) (credential.Revocation, error) {
	r, a, err := c.call(ctx, "auth.revoke", token)
	if err == nil && r.Status != http.StatusOK {
		err = fmt.Errorf("auth.revoke: HTTP %d", r.Status)
	}
	switch {
	case err != nil:
	case a.OK && a.Revoked:
	case dead[a.Error]:
		rec.Step("slack:auth.revoke", target, nil)
		return credential.Revocation{Already: true, Detail: "Slack no longer accepts the token (" + a.Error + ")"}, nil
	default:
		err = fmt.Errorf("auth.revoke: ok=%v revoked=%v error=%q", a.OK, a.Revoked, a.Error)
	}
	rec.Step("slack:auth.revoke", target, err)
	if err != nil {
		return credential.Revocation{}, err
	}
	return credential.Revocation{Detail: "revoked with auth.revoke"}, nil
}
