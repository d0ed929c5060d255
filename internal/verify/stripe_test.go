package verify

import (
	"net/http"
	"testing"
)

func TestStripeVerifier(t *testing.T) {
	mk := func(base string) Verifier { return stripeVerifier{base: base, hc: http.DefaultClient} }
	req := func(t *testing.T, r *http.Request) {
		if r.Method != http.MethodGet || r.URL.Path != "/v1/balance" {
			t.Errorf("request %s %s", r.Method, r.URL.Path)
		}
	}
	runHTTPCases(t, mk, newFinding("stripe-access-token", fakeStripe), req, []httpCase{
		{"valid", 200, `{"object":"balance","available":[{"amount":0,"currency":"usd","source_types":{"card":0}}],"livemode":false,"pending":[{"amount":0,"currency":"usd","source_types":{"card":0}}]}`,
			nil, StatusVerified, "test mode key accepted"},
		{"invalid", 401, `{"error":{"message":"Invalid API Key provided: sk_test_****6789","type":"invalid_request_error"}}`, nil, StatusInvalid, "401"},
		{"down", 503, `{}`, nil, StatusUnknown, "HTTP 503"},
	})
	runHTTPCases(t, mk, newFinding("stripe-access-token", fakeStripeRK), req, []httpCase{
		{"restricted", 403, `{"error":{"message":"The provided key 'rk_live_****6789' does not have the required permissions for this endpoint on account 'acct_FAKE'.","type":"invalid_request_error"}}`,
			nil, StatusVerified, "live mode restricted key"},
	})
	if (stripeVerifier{}).Match(newFinding("x", "pk_live_FAKE51HxExampleKey0123456789")) {
		t.Error("publishable key matched")
	}
}
