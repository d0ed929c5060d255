package remediate

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/secretsweep/secretsweep/internal/credential/credtest"
	"github.com/secretsweep/secretsweep/internal/credential/npm"
)

// Fake tokens: valid shapes, obviously fake.
const (
	fakeGitHubToken   = "ghp_FAKEEXAMPLE00000000000000000000000000"
	fakeGitHubRefresh = "ghr_FAKEEXAMPLE00000000000000000000000000"
	fakeSlackToken    = "xoxb-0000000000-0000000000000-FAKEEXAMPLEfake00000000"
	fakeGitLabToken   = "glpat-FAKEEXAMPLE000000000"
	fakeNpmToken      = "npm_FAKEEXAMPLE0000000000000000000000000"
)

// providers answers like GitHub, Slack, GitLab and the npm registry do
// (status codes and bodies from their API docs), with a set of live tokens
// that revocation removes. Each provider's routes are registered on srv by
// its method, so srv.Verify checks that every call a provider expects was
// made and no other.
type providers struct {
	srv     *credtest.Server
	mu      sync.Mutex
	live    map[string]bool
	fail    int // when set, revocation endpoints answer with this status
	revoked []string
}

func newProviders(t *testing.T, tokens ...string) *providers {
	p := &providers{srv: credtest.NewServer(t), live: map[string]bool{}}
	for _, tok := range tokens {
		p.live[tok] = true
	}
	return p
}

func (p *providers) endpoints() Endpoints {
	u := p.srv.URL
	return Endpoints{GitHub: u + "/github", Slack: u + "/slack/api", GitLab: u + "/gitlab", NPM: u + "/npm"}
}

// handle registers a route whose handler runs under p.mu with the
// request's bearer token.
func (p *providers) handle(pattern string, h func(w http.ResponseWriter, r *http.Request, bearer string)) {
	p.srv.Handle(pattern, func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		defer p.mu.Unlock()
		h(w, r, strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer "))
	})
}

// revoke removes a live token, or answers p.fail.
func (p *providers) revoke(w http.ResponseWriter, r *http.Request, tok string) bool {
	if p.fail != 0 {
		credtest.Reply(p.fail, `{"message":"Internal Error"}`)(w, r)
		return false
	}
	delete(p.live, tok)
	p.revoked = append(p.revoked, tok)
	return true
}

// github serves GET /user (unless the test expects no check) and the
// credential revocation API.
func (p *providers) github(withUser bool) {
	if withUser {
		p.handle("GET /github/user", func(w http.ResponseWriter, r *http.Request, bearer string) {
			if !p.live[bearer] {
				credtest.Reply(401, `{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest","status":"401"}`)(w, r)
				return
			}
			credtest.Reply(200, `{"login":"octocat","id":1,"type":"User"}`)(w, r)
		})
	}
	p.handle("POST /github/credentials/revoke", func(w http.ResponseWriter, r *http.Request, _ string) {
		if r.Header.Get("Authorization") != "" { // documented: authenticated requests get 403
			credtest.Reply(403, `{"message":"Forbidden"}`)(w, r)
			return
		}
		var body struct{ Credentials []string }
		if json.NewDecoder(r.Body).Decode(&body) != nil || len(body.Credentials) == 0 {
			credtest.Reply(422, `{"message":"Validation Failed","documentation_url":"https://docs.github.com/rest/credentials/revoke"}`)(w, r)
			return
		}
		for _, c := range body.Credentials {
			if !p.revoke(w, r, c) {
				return
			}
		}
		credtest.Reply(202, `{}`)(w, r)
	})
}

func (p *providers) slack() {
	p.handle("POST /slack/api/auth.revoke", func(w http.ResponseWriter, r *http.Request, bearer string) {
		if !p.live[bearer] {
			credtest.Reply(200, `{"ok":false,"error":"invalid_auth"}`)(w, r)
			return
		}
		if p.revoke(w, r, bearer) {
			credtest.Reply(200, `{"ok":true,"revoked":true}`)(w, r)
		}
	})
}

func (p *providers) gitlab() {
	p.handle("DELETE /gitlab/api/v4/personal_access_tokens/self", func(w http.ResponseWriter, r *http.Request, _ string) {
		tok := r.Header.Get("Private-Token")
		if !p.live[tok] {
			credtest.Reply(401, `{"message":"401 Unauthorized"}`)(w, r)
			return
		}
		if p.revoke(w, r, tok) {
			w.WriteHeader(204)
		}
	})
}

func (p *providers) npm() {
	p.handle("GET /npm/-/whoami", func(w http.ResponseWriter, r *http.Request, bearer string) {
		if !p.live[bearer] {
			credtest.Reply(401, `{"error":"You must be logged in"}`)(w, r)
			return
		}
		credtest.Reply(200, `{"username":"fake-npm-user"}`)(w, r)
	})
	p.handle("DELETE /npm/-/npm/v1/tokens/token/{key}", func(w http.ResponseWriter, r *http.Request, bearer string) {
		if !p.live[bearer] || r.PathValue("key") != npm.TokenKey(bearer) {
			credtest.Reply(404, `{"error":"not found"}`)(w, r)
			return
		}
		if p.revoke(w, r, bearer) {
			credtest.Reply(200, `null`)(w, r)
		}
	})
}

func TestProviderRevokers(t *testing.T) {
	tests := []struct {
		name, rule, token string
		rot               func(*Deps) Rotator
		serve             func(*providers)
	}{
		{"github", "github-pat", fakeGitHubToken, githubRevoker, func(p *providers) { p.github(true) }},
		{"slack", "slack-bot-token", fakeSlackToken, slackRevoker, (*providers).slack},
		{"gitlab", "gitlab-pat", fakeGitLabToken, gitlabRevoker, (*providers).gitlab},
		{"npm", "npm-access-token", fakeNpmToken, npmRevoker, (*providers).npm},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newProviders(t, tt.token)
			tt.serve(p)
			d := testDeps()
			d.Endpoints = p.endpoints()
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
			p.srv.Verify(t)
		})
	}
}

// A GitHub refresh token cannot call GET /user (it would answer 401 and
// pass for revoked): it goes straight to the revocation API.
func TestGitHubRefreshTokenRevoked(t *testing.T) {
	p := newProviders(t, fakeGitHubRefresh)
	p.github(false)
	d := testDeps()
	d.Endpoints = p.endpoints()
	c := candidate("github-refresh-token", fakeGitHubRefresh)
	r := firstMatch(Registry(d), c)
	if r.Name() != "github-token" {
		t.Fatalf("registry picks %s", r.Name())
	}
	if steps := strings.Join(r.Plan(c).Steps, "\n"); strings.Contains(steps, "/user") {
		t.Errorf("plan checks /user: %s", steps)
	}
	res := r.Apply(context.Background(), c, &memRec{})
	if res.Status != StatusDone || len(p.revoked) != 1 || p.revoked[0] != fakeGitHubRefresh {
		t.Fatalf("revoke: %s %v", res.Status, res.Err)
	}
	p.srv.Verify(t)
}

// TestRevokersDoNotFollowRedirects sends each revocation to a provider
// that redirects: the token must never reach the other host.
func TestRevokersDoNotFollowRedirects(t *testing.T) {
	tests := []struct {
		rule, token string
		rot         func(*Deps) Rotator
	}{
		{"github-pat", fakeGitHubToken, githubRevoker},
		{"github-refresh-token", fakeGitHubRefresh, githubRevoker},
		{"slack-bot-token", fakeSlackToken, slackRevoker},
		{"gitlab-pat", fakeGitLabToken, gitlabRevoker},
		{"npm-access-token", fakeNpmToken, npmRevoker},
	}
	for _, tt := range tests {
		for _, code := range []int{http.StatusFound, http.StatusTemporaryRedirect} {
			t.Run(tt.rule+"/"+http.StatusText(code), func(t *testing.T) {
				elsewhere := credtest.NewServer(t)
				first := credtest.NewServer(t)
				first.Handle("/", credtest.RedirectTo(elsewhere, code))
				d := testDeps()
				d.Endpoints = Endpoints{GitHub: first.URL, Slack: first.URL, GitLab: first.URL, NPM: first.URL}
				res := tt.rot(d).Apply(context.Background(), candidate(tt.rule, tt.token), &memRec{})
				if res.Status != StatusFailed {
					t.Errorf("status %s on a redirect", res.Status)
				}
				if elsewhere.Saw(tt.token) {
					t.Error("the redirect target received the token")
				}
				first.Verify(t)
				elsewhere.Verify(t)
			})
		}
	}
}
