package verify

import (
	"net/http"
	"testing"
)

func TestGitLabVerifier(t *testing.T) {
	mk := func(base string) Verifier { return gitlabVerifier{base: base, hc: http.DefaultClient} }
	req := func(t *testing.T, r *http.Request) {
		if r.Method != http.MethodGet || r.URL.Path != "/api/v4/personal_access_tokens/self" {
			t.Errorf("request %s %s", r.Method, r.URL.Path)
		}
	}
	runHTTPCases(t, mk, newFinding("gitlab-pat", fakeGitLab), req, []httpCase{
		{"valid", 200, `{"id":4,"name":"Test Token","revoked":false,"created_at":"2020-07-23T14:31:47.729Z","scopes":["api","read_repository"],"user_id":3,"last_used_at":"2021-10-06T17:58:37.550Z","active":true,"expires_at":null}`,
			nil, StatusVerified, `"Test Token", scopes api,read_repository`},
		{"revoked", 200, `{"id":4,"name":"Old","revoked":true,"scopes":["api"],"active":false}`, nil, StatusInvalid, "revoked"},
		{"unauthorized", 401, `{"message":"401 Unauthorized"}`, nil, StatusInvalid, "401"},
		{"insufficient scope", 403, `{"error":"insufficient_scope","error_description":"The request requires higher privileges than provided by the access token.","scope":"api read_api"}`,
			nil, StatusVerified, "scopes do not allow"},
		{"server error", 500, `{"message":"500 Internal Server Error"}`, nil, StatusUnknown, "HTTP 500"},
	})
}

func TestVerifierDoesNotFollowRedirects(t *testing.T) {
	elsewhere := newProvider(t, func(w http.ResponseWriter, _ *http.Request, _ string) { w.WriteHeader(200) })
	p := newProvider(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		http.Redirect(w, r, elsewhere.URL+"/api/v4/personal_access_tokens/self", http.StatusFound)
	})
	got := verifyOne(t, gitlabVerifier{base: p.URL, hc: http.DefaultClient}, newFinding("gitlab-pat", fakeGitLab))
	if got.Status != StatusUnknown || len(elsewhere.credentials()) != 0 {
		t.Errorf("got %+v; other host saw %q", got, elsewhere.credentials())
	}
}
