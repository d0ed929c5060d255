package verify

import (
	"net/http"
	"testing"
)

func TestNPMVerifier(t *testing.T) {
	mk := func(base string) Verifier { return npmVerifier{base: base, hc: http.DefaultClient} }
	req := func(t *testing.T, r *http.Request) {
		if r.Method != http.MethodGet || r.URL.Path != "/-/whoami" {
			t.Errorf("request %s %s", r.Method, r.URL.Path)
		}
	}
	runHTTPCases(t, mk, newFinding("npm-access-token", fakeNPM), req, []httpCase{
		{"valid", 200, `{"username":"fake-publisher"}`, nil, StatusVerified, "fake-publisher"},
		{"invalid", 401, `{"error":"You must be logged in to access this resource."}`, nil, StatusInvalid, "401"},
		{"forbidden", 403, `{"error":"Forbidden"}`, nil, StatusUnknown, "HTTP 403"},
	})
}
