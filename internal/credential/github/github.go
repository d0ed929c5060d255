// Package github knows GitHub tokens: their formats, the REST API that
// checks them (GET /user) and the credential revocation API that revokes
// them (POST /credentials/revoke, which GitHub answers by notifying the
// token's owner).
package github

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"

	"github.com/secretsweep/secretsweep/internal/credential"
	"github.com/secretsweep/secretsweep/internal/credential/httpx"
)

// DefaultAPI is github.com's REST API root; GitHub Enterprise Server's is
// https://HOST/api/v3.
const DefaultAPI = "https://api.github.com"

// EnvAPI names the environment variable that moves the API (GitHub
// Actions sets it; gh and go-github honour it).
const EnvAPI = "GITHUB_API_URL"

// Guide is GitHub's page on revoking tokens.
const Guide = "https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/token-expiration-and-revocation"

// Token matches every GitHub token format. The prefix names the kind:
// ghp_ classic PAT, github_pat_ fine-grained PAT, gho_ OAuth app token,
// ghu_ GitHub App user-to-server token, ghs_ GitHub App installation
// token, ghr_ GitHub App refresh token.
var Token = regexp.MustCompile(`^(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{22,251})$`)

// Verifiable reports whether s is a token that authenticates API calls
// (all but refresh tokens, which only buy new user-to-server tokens).
func Verifiable(s string) bool { return Token.MatchString(s) && !strings.HasPrefix(s, "ghr_") }

// Revocable reports whether /credentials/revoke takes s: every kind but
// installation tokens, which expire within the hour.
func Revocable(s string) bool { return Token.MatchString(s) && !strings.HasPrefix(s, "ghs_") }

// Client calls the GitHub API at API (DefaultAPI when empty) through HTTP.
type Client struct {
	API  string
	HTTP *http.Client
}

const provider = "GitHub"

func (c Client) api() string { return httpx.Base(c.API, DefaultAPI) }

func header() http.Header {
	return http.Header{"Accept": {"application/vnd.github+json"}, "X-Github-Api-Version": {"2022-11-28"}}
}

// user calls GET /user with the token.
func (c Client) user(ctx context.Context, token string) (httpx.Response, error) {
	h := header()
	h.Set("Authorization", "Bearer "+token)
	return httpx.Do(ctx, c.HTTP, httpx.Request{Provider: provider, Method: http.MethodGet, URL: c.api() + "/user", Header: h})
}

// Verify asks GET /user whether the token works. A 200 must carry the
// user's login; a 403 counts as a working token only with GitHub's answer
// to installation and narrow fine-grained tokens ("Resource not accessible
// by integration" / "by personal access token").
func (c Client) Verify(ctx context.Context, token string) credential.Verdict {
	r, err := c.user(ctx, token)
	if err != nil {
		return credential.Unknownf("%v", err)
	}
	switch r.Status {
	case http.StatusOK:
		login, err := r.StringField("login")
		if err != nil {
			return httpx.Shapeless(provider, r, err)
		}
		return credential.VerifiedBecause("GitHub: token of user %s", login)
	case http.StatusUnauthorized:
		return credential.InvalidBecause("GitHub: 401 Bad credentials")
	case http.StatusForbidden, http.StatusTooManyRequests:
		if r.Header.Get("X-RateLimit-Remaining") == "0" || r.Header.Get("Retry-After") != "" {
			return credential.Unknownf("GitHub: rate limited (HTTP %d)", r.Status)
		}
		var m struct {
			Message string `json:"message"`
		}
		if r.Status == http.StatusForbidden && r.JSON(&m) == nil && strings.HasPrefix(m.Message, "Resource not accessible by ") {
			return credential.VerifiedBecause("GitHub: token is valid but may not read /user (HTTP 403)")
		}
	}
	return httpx.Unexpected(provider, r)
}

// RevokePlan lists what Revoke calls for token.
func (c Client) RevokePlan(token string) []string {
	var steps []string
	if Verifiable(token) {
		steps = append(steps, "GET /user with the token (401: already revoked)")
	}
	return append(steps,
		"POST "+c.api()+"/credentials/revoke (GitHub notifies the owner)",
		"issue a new token and store it (secretsweep migrate)")
}

// Revoke revokes the token through the credential revocation API, which
// needs no authentication. Tokens that authenticate are first checked
// with GET /user, so a token GitHub already rejects is left alone.
func (c Client) Revoke(ctx context.Context, token, target string, rec credential.Recorder) (credential.Revocation, error) {
	if Verifiable(token) {
		r, err := c.user(ctx, token)
		if err == nil && r.Status != http.StatusUnauthorized && r.Status >= 400 && r.Status != http.StatusForbidden {
			err = fmt.Errorf("GET /user: HTTP %d", r.Status)
		}
		rec.Step("github:GET /user", target, err)
		if err != nil {
			return credential.Revocation{}, err
		}
		if r.Status == http.StatusUnauthorized {
			return credential.Revocation{Already: true, Detail: "GitHub no longer accepts the token"}, nil
		}
	}
	body, _ := json.Marshal(map[string][]string{"credentials": {token}})
	h := header()
	h.Set("Content-Type", "application/json")
	r, err := httpx.Do(ctx, c.HTTP, httpx.Request{Provider: provider, Method: http.MethodPost, URL: c.api() + "/credentials/revoke", Header: h, Body: body})
	if err == nil && r.Status != http.StatusAccepted {
		err = fmt.Errorf("POST /credentials/revoke: HTTP %d: %s", r.Status, r.Message())
	}
	rec.Step("github:POST /credentials/revoke", target, err)
	if err != nil {
		return credential.Revocation{}, err
	}
	return credential.Revocation{Detail: "revocation accepted by GitHub; issue a replacement token"}, nil
}
