package remediate

import (
	"context"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"net/http"
	"regexp"
)

// npmRevoker deletes an npm access token with the token itself. The token
// is named in the URL by its key, the hex SHA-512 of the token (as npm's
// registry computes it), so the value never appears in a URL.
type npmRevoker struct{ d *Deps }

var npmTokenRe = regexp.MustCompile(`^npm_[A-Za-z0-9]{36}$`)

func (r npmRevoker) Name() string { return "npm-token" }

func (r npmRevoker) Match(c *Candidate) bool { return npmTokenRe.MatchString(c.Secret) }

func (r npmRevoker) Plan(c *Candidate) Action {
	return Action{Kind: "revoke", Target: "npm token " + c.Hash(), Steps: []string{
		"GET " + r.d.Endpoints.Npm + "/-/whoami with the token (401: already revoked)",
		"DELETE /-/npm/v1/tokens/token/<sha512 key> with the token",
		"create a new token and store it (secretsweep migrate)",
	}}
}

func npmTokenKey(token string) string {
	sum := sha512.Sum512([]byte(token))
	return hex.EncodeToString(sum[:])
}

func (r npmRevoker) Apply(ctx context.Context, c *Candidate, rec Recorder) Result {
	target := "npm token " + c.Hash()
	h := http.Header{"Authorization": {"Bearer " + c.Secret}, "Accept": {"application/json"}}
	st, _, err := call(ctx, r.d.HTTP, http.MethodGet, r.d.Endpoints.Npm+"/-/whoami", nil, h)
	if err == nil && st != http.StatusOK && st != http.StatusUnauthorized {
		err = fmt.Errorf("GET /-/whoami: HTTP %d", st)
	}
	rec.Step("npm:GET /-/whoami", target, err)
	if err != nil {
		return failed(target, err)
	}
	if st == http.StatusUnauthorized {
		return Result{Status: StatusAlreadyDone, Target: target, Detail: "the registry no longer accepts the token"}
	}
	st, body, err := call(ctx, r.d.HTTP, http.MethodDelete, r.d.Endpoints.Npm+"/-/npm/v1/tokens/token/"+npmTokenKey(c.Secret), nil, h)
	if err == nil && st != http.StatusOK && st != http.StatusNoContent {
		err = fmt.Errorf("DELETE /-/npm/v1/tokens/token: HTTP %d: %s", st, apiMessage(body))
		if st == http.StatusUnauthorized || st == http.StatusForbidden {
			err = fmt.Errorf("%w (granular or read-only tokens cannot delete themselves: delete it at npmjs.com > Access Tokens)", err)
		}
	}
	rec.Step("npm:DELETE /-/npm/v1/tokens/token", target, err)
	if err != nil {
		return failed(target, err)
	}
	return Result{Status: StatusDone, Target: target, Detail: "deleted"}
}
