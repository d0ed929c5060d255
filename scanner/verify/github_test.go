package verify

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestGitHubVerifier(t *testing.T) {
	mk := func(base string) Verifier { return githubVerifier(base, http.DefaultClient) }
	req := func(t *testing.T, r *http.Request) {
		if r.Header.Get("X-GitHub-Api-Version") == "" {
			t.Error("no X-GitHub-Api-Version header")
		}
	}
	runHTTPCases(t, mk, newFinding("github-pat", fakeGitHub), "GET /user", req, []httpCase{
		{"valid", 200, `{"login":"octocat","id":1,"node_id":"MDQ6VXNlcjE=","type":"User","site_admin":false}`, nil, StatusVerified, "user octocat"},
		{"bad credentials", 401, `{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest","status":"401"}`, nil, StatusInvalid, "401"},
		{"rate limited", 403, `{"message":"API rate limit exceeded for 203.0.113.1.","documentation_url":"https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting"}`,
			map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "1700000000"}, StatusUnknown, "rate limited"},
		{"server error", 502, `{"message":"Server Error"}`, nil, StatusUnknown, "HTTP 502"},
		// A 200 or 403 that is not GitHub's documented answer says nothing
		// about the token (a captive portal, a proxy, another service).
		{"empty 200", 200, ``, nil, StatusUnknown, "unreadable answer (HTTP 200"},
		{"html 200", 200, `<html><body>Sign in to the Wi-Fi</body></html>`, nil, StatusUnknown, "unreadable answer"},
		{"200 without login", 200, `{"ok":true}`, nil, StatusUnknown, "no login"},
		{"html 403", 403, `<html>Forbidden by proxy</html>`, nil, StatusUnknown, "HTTP 403"},
		{"other 403", 403, `{"message":"Must have admin rights to Repository."}`, nil, StatusUnknown, "HTTP 403"},
	})
	runHTTPCases(t, mk, newFinding("github-app-token", fakeGitHubApp), "GET /user", req, []httpCase{
		{"installation token", 403, `{"message":"Resource not accessible by integration","documentation_url":"https://docs.github.com/rest/users/users#get-the-authenticated-user","status":"403"}`,
			map[string]string{"X-RateLimit-Remaining": "4999"}, StatusVerified, "may not read /user"},
	})
}

func TestGitHubVerifierMatch(t *testing.T) {
	v := githubVerifier("", nil)
	for s, want := range map[string]bool{
		fakeGitHub:    true,
		fakeGitHubApp: true,
		"github_pat_11FAKEEXAMPLE0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcd": true,
		"ghr_FAKEzork7Qm2vLx9Rk4Tn8Wb3Yc6Hd1Jf5Pa":                                                              false, // refresh tokens cannot call the API
		"ghp_short": false,
		fakeGitLab:  false,
	} {
		if got := v.Match(newFinding("x", s)); got != want {
			t.Errorf("Match(%.12s...) = %v", s, got)
		}
	}
}

func TestVerifierUnreachable(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	base := srv.URL
	srv.Close()
	got := verifyOne(t, githubVerifier(base, http.DefaultClient), newFinding("github-pat", fakeGitHub))
	if got.Status != StatusUnknown || got.Reason == "" {
		t.Errorf("got %+v", got)
	}
}
