package verify

import (
	"net/http"
	"testing"
)

func TestNPMVerifier(t *testing.T) {
	mk := func(base string) Verifier { return npmVerifier(base, http.DefaultClient) }
	runHTTPCases(t, mk, newFinding("npm-access-token", fakeNPM), "GET /-/whoami", nil, []httpCase{
		{"valid", 200, `{"username":"fake-publisher"}`, nil, StatusVerified, "fake-publisher"},
		{"invalid", 401, `{"error":"You must be logged in to access this resource."}`, nil, StatusInvalid, "401"},
		{"forbidden", 403, `{"error":"Forbidden"}`, nil, StatusUnknown, "HTTP 403"},
		{"empty 200", 200, ``, nil, StatusUnknown, "unreadable answer"},
		{"200 without a user", 200, `{}`, nil, StatusUnknown, "no username"},
	})
}
