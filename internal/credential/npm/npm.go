// Package npm knows npm access tokens and the registry calls that check
// (GET /-/whoami) and delete (DELETE /-/npm/v1/tokens/token/KEY) a token
// with itself.
package npm

import (
	"context"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"net/http"
	"regexp"

	"github.com/secretsweep/secretsweep/internal/credential"
	"github.com/secretsweep/secretsweep/internal/credential/httpx"
)

// DefaultRegistry is the public npm registry.
const DefaultRegistry = "https://registry.npmjs.org"

// EnvRegistry names the environment variable that names the registry (as
// the npm CLI reads it).
const EnvRegistry = "NPM_CONFIG_REGISTRY"

// Guide is npm's page on revoking tokens.
const Guide = "https://docs.npmjs.com/revoking-access-tokens"

// Token matches npm's granular and automation access tokens.
var Token = regexp.MustCompile(`^npm_[A-Za-z0-9]{36}$`)

// Verifiable reports whether s is a token /-/whoami checks.
func Verifiable(s string) bool { return Token.MatchString(s) }

// Revocable reports whether s can delete itself.
func Revocable(s string) bool { return Token.MatchString(s) }

// Client calls the registry at Registry (DefaultRegistry when empty)
// through HTTP.
type Client struct {
	Registry string
	HTTP     *http.Client
}

const provider = "npm"

// TokenKey is the registry's name for a token: the hex SHA-512 of its
// value, so the value never appears in a URL.
func TokenKey(token string) string {
	sum := sha512.Sum512([]byte(token))
	return hex.EncodeToString(sum[:])
}

func (c Client) call(ctx context.Context, method, path, token string) (httpx.Response, error) {
	return httpx.Do(ctx, c.HTTP, httpx.Request{Provider: provider, Method: method, URL: httpx.Base(c.Registry, DefaultRegistry) + path,
		Header: http.Header{"Authorization": {"Bearer " + token}, "Accept": {"application/json"}}})
}

// Verify asks /-/whoami whose token it is: a 200 must name the user.
func (c Client) Verify(ctx context.Context, token string) credential.Verdict {
	r, err := c.call(ctx, http.MethodGet, "/-/whoami", token)
	if err != nil {
		return credential.Unknownf("%v", err)
	}
	switch r.Status {
	case http.StatusOK:
		user, err := r.StringField("username")
		if err != nil {
			return httpx.Shapeless(provider, r, err)
		}
		return credential.VerifiedBecause("npm: token of user %s", user)
	case http.StatusUnauthorized:
		return credential.InvalidBecause("npm: token rejected (HTTP 401)")
	}
	return httpx.Unexpected(provider, r)
}

// RevokePlan lists what Revoke calls.
func (c Client) RevokePlan(string) []string {
	return []string{
		"GET " + httpx.Base(c.Registry, DefaultRegistry) + "/-/whoami with the token (401: already revoked)",
		"DELETE /-/npm/v1/tokens/token/<sha512 key> with the token",
		"create a new token and store it (secretsweep migrate)",
	}
}

// Revoke has the token delete itself, after /-/whoami shows it still works.
func (c Client) Revoke(ctx context.Context, token, target string, rec credential.Recorder) (credential.Revocation, error) {
	r, err := c.call(ctx, http.MethodGet, "/-/whoami", token)
	if err == nil && r.Status != http.StatusOK && r.Status != http.StatusUnauthorized {
		err = fmt.Errorf("GET /-/whoami: HTTP %d", r.Status)
	}
	rec.Step("npm:GET /-/whoami", target, err)
	if err != nil {
		return credential.Revocation{}, err
	}
	if r.Status == http.StatusUnauthorized {
		return credential.Revocation{Already: true, Detail: "the registry no longer accepts the token"}, nil
	}
	r, err = c.call(ctx, http.MethodDelete, "/-/npm/v1/tokens/token/"+TokenKey(token), token)
	if err == nil && r.Status != http.StatusOK && r.Status != http.StatusNoContent {
		err = fmt.Errorf("DELETE /-/npm/v1/tokens/token: HTTP %d: %s", r.Status, r.Message())
		if r.Status == http.StatusUnauthorized || r.Status == http.StatusForbidden {
			err = fmt.Errorf("%w (granular or read-only tokens cannot delete themselves: delete it at npmjs.com > Access Tokens)", err)
		}
	}
	rec.Step("npm:DELETE /-/npm/v1/tokens/token", target, err)
	if err != nil {
		return credential.Revocation{}, err
	}
	return credential.Revocation{Detail: "deleted"}, nil
}
