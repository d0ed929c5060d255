package verify

import (
	"context"
	"net/http"
	"regexp"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// stripeKey matches secret and restricted keys; publishable keys (pk_) are
// public by design and not checked.
var stripeKey = regexp.MustCompile(`^(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{10,247}$`)

// stripeVerifier checks Stripe keys with GET /v1/balance.
type stripeVerifier struct {
	base string
	hc   *http.Client
}

func (stripeVerifier) Name() string { return "stripe" }

func (stripeVerifier) Match(f finding.Finding) bool { return stripeKey.MatchString(f.Secret) }

func (v stripeVerifier) Verify(ctx context.Context, c Candidate) finding.Verification {
	a, err := call(ctx, v.hc, "Stripe", http.MethodGet, v.base+"/v1/balance", func(r *http.Request) {
		r.SetBasicAuth(c.Finding.Secret, "")
	})
	if err != nil {
		return unknownf("%v", err)
	}
	mode := "test"
	if len(c.Finding.Secret) > 8 && c.Finding.Secret[3:7] == "live" {
		mode = "live"
	}
	switch a.status {
	case http.StatusOK:
		return verified("Stripe: " + mode + " mode key accepted")
	case http.StatusUnauthorized:
		return invalid("Stripe: key rejected (HTTP 401)")
	case http.StatusForbidden:
		// A restricted key without the balance permission authenticates.
		return verified("Stripe: " + mode + " mode restricted key accepted without balance access (HTTP 403)")
	}
	return otherStatus("Stripe", a)
}
