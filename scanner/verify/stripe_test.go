package verify

import (
	"net/http"
	"testing"
)

func TestStripeVerifier(t *testing.T) {
	mk := func(base string) Verifier { return stripeVerifier(base, http.DefaultClient) }
	runHTTPCases(t, mk, newFinding("stripe-access-token", fakeStripe), "GET /v1/balance", nil, []httpCase{
		{"valid", 200, `{"object":"balance","available":[{"amount":0,"currency":"usd","source_types":{"card":0}}],"livemode":false,"pending":[{"amount":0,"currency":"usd","source_types":{"card":0}}]}`,
			nil, StatusVerified, "test mode key accepted"},
		{"invalid", 401, `{"error":{"message":"Invalid API Key provided: sk_test_****6789","type":"invalid_request_error"}}`, nil, StatusInvalid, "401"},
		{"down", 503, `{}`, nil, StatusUnknown, "HTTP 503"},
		{"empty 200", 200, ``, nil, StatusUnknown, "unreadable answer"},
		{"200 that is not a balance", 200, `{"object":"list","data":[]}`, nil, StatusUnknown, "not a balance"},
		{"secret key 403", 403, `{"error":{"message":"Forbidden","type":"invalid_request_error"}}`, nil, StatusUnknown, "HTTP 403"},
	})
	runHTTPCases(t, mk, newFinding("stripe-access-token", fakeStripeRK), "GET /v1/balance", nil, []httpCase{
		{"restricted", 403, `{"error":{"message":"The provided key 'rk_live_****6789' does not have the required permissions for this endpoint on account 'acct_FAKE'.","type":"invalid_request_error"}}`,
			nil, StatusVerified, "live mode restricted key"},
		{"restricted, html 403", 403, `<html>Forbidden</html>`, nil, StatusUnknown, "HTTP 403"},
	})
	if stripeVerifier("", nil).Match(newFinding("x", "pk_live_FAKE51HxExampleKey0123456789")) {
		t.Error("publishable key matched")
	}
}
