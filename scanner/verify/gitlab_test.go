package verify

import (
	"net/http"
	"testing"

	"github.com/secretsweep/secretsweep/internal/credential/credtest"
)

func TestGitLabVerifier(t *testing.T) {
	mk := func(base string) Verifier { return gitlabVerifier(base, http.DefaultClient) }
	runHTTPCases(t, mk, newFinding("gitlab-pat", fakeGitLab), "GET /api/v4/personal_access_tokens/self", nil, []httpCase{
		{"valid", 200, `{"id":4,"name":"Test Token","revoked":false,"created_at":"2020-07-23T14:31:47.729Z","scopes":["api","read_repository"],"user_id":3,"last_used_at":"2021-10-06T17:58:37.550Z","active":true,"expires_at":null}`,
			nil, StatusVerified, `"Test Token", scopes api,read_repository`},
		{"revoked", 200, `{"id":4,"name":"Old","revoked":true,"scopes":["api"],"active":false}`, nil, StatusInvalid, "revoked"},
		{"unauthorized", 401, `{"message":"401 Unauthorized"}`, nil, StatusInvalid, "401"},
		{"insufficient scope", 403, `{"error":"insufficient_scope","error_description":"The request requires higher privileges than provided by the access token.","scope":"api read_api"}`,
			nil, StatusVerified, "scopes do not allow"},
		{"server error", 500, `{"message":"500 Internal Server Error"}`, nil, StatusUnknown, "HTTP 500"},
		{"empty 200", 200, ``, nil, StatusUnknown, "unreadable answer"},
		{"200 that is not a token", 200, `{"version":"16.0.0"}`, nil, StatusUnknown, "no token id"},
		{"403 that only mentions the scope", 403, `<p>insufficient_scope</p>`, nil, StatusUnknown, "HTTP 403"},
	})
}

func TestVerifierDoesNotFollowRedirects(t *testing.T) {
	elsewhere := credtest.NewServer(t)
	p := credtest.NewServer(t)
	p.Handle("GET /api/v4/personal_access_tokens/self", credtest.RedirectTo(elsewhere, http.StatusFound)).Times(1)
	got := verifyOne(t, gitlabVerifier(p.URL, http.DefaultClient), newFinding("gitlab-pat", fakeGitLab))
	if got.Status != StatusUnknown || elsewhere.Saw(fakeGitLab) {
		t.Errorf("got %+v; other host saw the token: %v", got, elsewhere.Saw(fakeGitLab))
	}
	p.Verify(t)
	elsewhere.Verify(t)
}
