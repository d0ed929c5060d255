package remediate

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// Fake tokens: valid shapes, obviously fake.
const (
	fakeGitHubToken = "ghp_FAKEEXAMPLE00000000000000000000000000"
	fakeSlackToken  = "xoxb-0000000000-0000000000000-FAKEEXAMPLEfake00000000"
	fakeGitLabToken = "glpat-FAKEEXAMPLE000000000"
	fakeNpmToken    = "npm_FAKEEXAMPLE0000000000000000000000000"
)

// providers is an httptest server answering like GitHub, Slack, GitLab and
// the npm registry do (status codes and bodies from their API docs), with
// a set of live tokens that revocation removes.
type providers struct {
	mu      sync.Mutex
	live    map[string]bool
	fail    int // when set, revocation endpoints answer with this status
	revoked []string
}

func newProviders(t *testing.T, tokens ...string) (*providers, Endpoints) {
	p := &providers{live: map[string]bool{}}
	for _, tok := range tokens {
		p.live[tok] = true
	}
	srv := httptest.NewServer(p)
	t.Cleanup(srv.Close)
	u := srv.URL
	return p, Endpoints{GitHub: u + "/github", Slack: u + "/slack/api", GitLab: u + "/gitlab", Npm: u + "/npm"}
}

func (p *providers) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	defer p.mu.Unlock()
	bearer := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	w.Header().Set("Content-Type", "application/json")
	reply := func(code int, body string) { w.WriteHeader(code); io.WriteString(w, body) }
	revoke := func(tok string) bool {
		if p.fail != 0 {
			reply(p.fail, `{"message":"Internal Error"}`)
			return false
		}
		delete(p.live, tok)
		p.revoked = append(p.revoked, tok)
		return true
	}
	switch {
	case r.Method == "GET" && r.URL.Path == "/github/user":
		if !p.live[bearer] {
			reply(401, `{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest","status":"401"}`)
			return
		}
		reply(200, `{"login":"octocat","id":1,"type":"User"}`)
	case r.Method == "POST" && r.URL.Path == "/github/credentials/revoke":
		if r.Header.Get("Authorization") != "" { // documented: authenticated requests get 403
			reply(403, `{"message":"Forbidden"}`)
			return
		}
		var body struct{ Credentials []string }
		if json.NewDecoder(r.Body).Decode(&body) != nil || len(body.Credentials) == 0 {
			reply(422, `{"message":"Validation Failed","documentation_url":"https://docs.github.com/rest/credentials/revoke"}`)
			return
		}
		for _, c := range body.Credentials {
			if !revoke(c) {
				return
			}
		}
		reply(202, `{}`)
	case r.Method == "POST" && r.URL.Path == "/slack/api/auth.revoke":
		if !p.live[bearer] {
			reply(200, `{"ok":false,"error":"invalid_auth"}`)
			return
		}
		if revoke(bearer) {
			reply(200, `{"ok":true,"revoked":true}`)
		}
	case r.Method == "DELETE" && r.URL.Path == "/gitlab/api/v4/personal_access_tokens/self":
		tok := r.Header.Get("Private-Token")
		if !p.live[tok] {
			reply(401, `{"message":"401 Unauthorized"}`)
			return
		}
		if revoke(tok) {
			w.WriteHeader(204)
		}
	case r.Method == "GET" && r.URL.Path == "/npm/-/whoami":
		if !p.live[bearer] {
			reply(401, `{"error":"You must be logged in"}`)
			return
		}
		reply(200, `{"username":"fake-npm-user"}`)
	case r.Method == "DELETE" && strings.HasPrefix(r.URL.Path, "/npm/-/npm/v1/tokens/token/"):
		if !p.live[bearer] || strings.TrimPrefix(r.URL.Path, "/npm/-/npm/v1/tokens/token/") != npmTokenKey(bearer) {
			reply(404, `{"error":"not found"}`)
			return
		}
		if revoke(bearer) {
			reply(200, `null`)
		}
	default:
		reply(404, `{"message":"Not Found"}`)
	}
}

func TestProviderRevokers(t *testing.T) {
	tests := []struct {
		name, rule, token string
		rot               func(*Deps) Rotator
	}{
		{"github", "github-pat", fakeGitHubToken, func(d *Deps) Rotator { return githubRevoker{d} }},
		{"slack", "slack-bot-token", fakeSlackToken, func(d *Deps) Rotator { return slackRevoker{d} }},
		{"gitlab", "gitlab-pat", fakeGitLabToken, func(d *Deps) Rotator { return gitlabRevoker{d} }},
		{"npm", "npm-access-token", fakeNpmToken, func(d *Deps) Rotator { return npmRevoker{d} }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, ep := newProviders(t, tt.token)
			d := testDeps()
			d.Endpoints = ep
			r := tt.rot(d)
			c := candidate(tt.rule, tt.token)
			if got := firstMatch(Registry(d), c); got.Name() != r.Name() {
				t.Fatalf("registry picks %s", got.Name())
			}
			p.fail = 500
			res := r.Apply(context.Background(), c, &memRec{})
			if res.Status != StatusFailed || strings.Contains(res.Err.Error(), tt.token) {
				t.Fatalf("failing provider: %s %v", res.Status, res.Err)
			}
			p.fail = 0
			rec := &memRec{}
			res = r.Apply(context.Background(), c, rec)
			if res.Status != StatusDone || len(p.revoked) != 1 || p.revoked[0] != tt.token {
				t.Fatalf("revoke: %s %v, revoked %d", res.Status, res.Err, len(p.revoked))
			}
			res = r.Apply(context.Background(), c, &memRec{})
			if res.Status != StatusAlreadyDone || len(p.revoked) != 1 {
				t.Fatalf("second run: %s %v", res.Status, res.Err)
			}
		})
	}
}
