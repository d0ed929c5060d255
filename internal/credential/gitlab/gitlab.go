// Package gitlab knows GitLab access tokens (personal, project and group
// tokens share the glpat- form) and the REST API that checks (GET) and
// revokes (DELETE) a token with itself at
// /api/v4/personal_access_tokens/self.
package gitlab

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"

	"github.com/secretsweep/secretsweep/internal/credential"
	"github.com/secretsweep/secretsweep/internal/credential/httpx"
)

// DefaultURL is gitlab.com; self-managed instances have their own root.
const DefaultURL = "https://gitlab.com"

// EnvURL names the environment variable that names the instance.
const EnvURL = "GITLAB_URL"

// Guide is GitLab's page on revoking a token.
const Guide = "https://docs.gitlab.com/ee/user/profile/personal_access_tokens.html#revoke-a-personal-access-token"

// Token matches personal, project and group access tokens.
var Token = regexp.MustCompile(`^glpat-[0-9A-Za-z_.-]{20,300}$`)

// Verifiable reports whether s is a token the self endpoint checks.
func Verifiable(s string) bool { return Token.MatchString(s) }

// Revocable reports whether s can revoke itself.
func Revocable(s string) bool { return Token.MatchString(s) }

// Client calls the instance at URL (DefaultURL when empty) through HTTP.
type Client struct {
	URL  string
	HTTP *http.Client
}

const (
	provider = "GitLab"
	self     = "/api/v4/personal_access_tokens/self"
)

func (c Client) self(ctx context.Context, method, token string) (httpx.Response, error) {
	return httpx.Do(ctx, c.HTTP, httpx.Request{Provider: provider, Method: method, URL: httpx.Base(c.URL, DefaultURL) + self,
		Header: http.Header{"Private-Token": {token}}})
}

// Verify reads the token's own record. A 200 must be that record (an id
// and the active flag); a 403 verifies only with GitLab's
// insufficient_scope error, which it gives a working token without the
// read_api or api scope.
func (c Client) Verify(ctx context.Context, token string) credential.Verdict {
	r, err := c.self(ctx, http.MethodGet, token)
	if err != nil {
		return credential.Unknownf("%v", err)
	}
	switch r.Status {
	case http.StatusOK:
		var t struct {
			ID      int64    `json:"id"`
			Name    string   `json:"name"`
			Scopes  []string `json:"scopes"`
			Active  *bool    `json:"active"`
			Revoked bool     `json:"revoked"`
		}
		if err := r.JSON(&t); err != nil {
			return httpx.Shapeless(provider, r, err)
		}
		if t.ID == 0 || t.Active == nil {
			return httpx.Shapeless(provider, r, fmt.Errorf("no token id or active flag"))
		}
		if t.Revoked || !*t.Active {
			return credential.InvalidBecause("GitLab: token %q is revoked or inactive", t.Name)
		}
		return credential.VerifiedBecause("GitLab: token %q, scopes %s", t.Name, strings.Join(t.Scopes, ","))
	case http.StatusUnauthorized:
		return credential.InvalidBecause("GitLab: 401 Unauthorized")
	case http.StatusForbidden:
		var e struct {
			Error string `json:"error"`
		}
		if r.JSON(&e) == nil && e.Error == "insufficient_scope" {
			return credential.VerifiedBecause("GitLab: token is valid but its scopes do not allow reading itself (HTTP 403)")
		}
	}
	return httpx.Unexpected(provider, r)
}

// RevokePlan lists what Revoke calls.
func (c Client) RevokePlan(string) []string {
	return []string{
		"DELETE " + httpx.Base(c.URL, DefaultURL) + self + " with the token",
		"issue a new token and store it (secretsweep migrate)",
	}
}

// Revoke has the token revoke itself.
func (c Client) Revoke(ctx context.Context, token, target string, rec credential.Recorder) (credential.Revocation, error) {
	r, err := c.self(ctx, http.MethodDelete, token)
	if err == nil && r.Status == http.StatusUnauthorized {
		rec.Step("gitlab:DELETE /personal_access_tokens/self", target, nil)
		return credential.Revocation{Already: true, Detail: "GitLab no longer accepts the token"}, nil
	}
	if err == nil && r.Status != http.StatusNoContent {
		err = fmt.Errorf("DELETE /personal_access_tokens/self: HTTP %d: %s", r.Status, r.Message())
		if r.Status == http.StatusForbidden {
			err = fmt.Errorf("%w (the token lacks the api scope: revoke it in User Settings > Access tokens)", err)
		}
	}
	rec.Step("gitlab:DELETE /personal_access_tokens/self", target, err)
	if err != nil {
		return credential.Revocation{}, err
	}
	return credential.Revocation{Detail: "revoked"}, nil
}
