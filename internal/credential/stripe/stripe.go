// Package stripe knows Stripe secret and restricted API keys and the call
// that checks one (GET /v1/balance). Stripe has no API to roll a key:
// remediate lists the manual steps with Guide.
package stripe

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"regexp"
	"strings"

	"github.com/secretsweep/secretsweep/internal/credential"
	"github.com/secretsweep/secretsweep/internal/credential/httpx"
)

// DefaultAPI is Stripe's API root.
const DefaultAPI = "https://api.stripe.com"

// Guide is Stripe's page on rolling keys.
const Guide = "https://docs.stripe.com/keys#rolling-keys"

// Key matches secret (sk_) and restricted (rk_) keys; publishable keys
// (pk_) are public by design and not checked.
var Key = regexp.MustCompile(`^(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{10,247}$`)

// Verifiable reports whether s is a key /v1/balance checks.
func Verifiable(s string) bool { return Key.MatchString(s) }

// Client calls the API at API (DefaultAPI when empty) through HTTP.
type Client struct {
	API  string
	HTTP *http.Client
}

const provider = "Stripe"

// Verify reads the balance with the key. A 200 must be a balance object;
// a 403 verifies only a restricted key, with Stripe's error object (the
// key lacks the balance permission but authenticated).
func (c Client) Verify(ctx context.Context, key string) credential.Verdict {
	r, err := httpx.Do(ctx, c.HTTP, httpx.Request{Provider: provider, Method: http.MethodGet, URL: httpx.Base(c.API, DefaultAPI) + "/v1/balance",
		Header: http.Header{"Authorization": {basic(key)}}})
	if err != nil {
		return credential.Unknownf("%v", err)
	}
	mode := "test"
	if strings.HasPrefix(key[3:], "live_") {
		mode = "live"
	}
	switch r.Status {
	case http.StatusOK:
		if obj, err := r.StringField("object"); err != nil || obj != "balance" {
			return httpx.Shapeless(provider, r, fmt.Errorf("not a balance object"))
		}
		return credential.VerifiedBecause("Stripe: %s mode key accepted", mode)
	case http.StatusUnauthorized:
		return credential.InvalidBecause("Stripe: key rejected (HTTP 401)")
	case http.StatusForbidden:
		var e struct {
			Error struct {
				Type string `json:"type"`
			} `json:"error"`
		}
		if strings.HasPrefix(key, "rk_") && r.JSON(&e) == nil && e.Error.Type != "" {
			return credential.VerifiedBecause("Stripe: %s mode restricted key accepted without balance access (HTTP 403)", mode)
		}
	}
	return httpx.Unexpected(provider, r)
}

// basic is HTTP basic authentication with the key as user name, as
// Stripe takes keys.
func basic(key string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(key+":"))
}
