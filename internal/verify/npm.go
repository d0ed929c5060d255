package verify

import (
	"context"
	"net/http"
	"regexp"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// npmToken matches npm's granular and automation access tokens.
var npmToken = regexp.MustCompile(`^npm_[A-Za-z0-9]{36}$`)

// npmVerifier checks npm tokens with GET /-/whoami.
type npmVerifier struct {
	base string
	hc   *http.Client
}

func (npmVerifier) Name() string { return "npm" }

func (npmVerifier) Match(f finding.Finding) bool { return npmToken.MatchString(f.Secret) }

func (v npmVerifier) Verify(ctx context.Context, c Candidate) finding.Verification {
	a, err := call(ctx, v.hc, "npm", http.MethodGet, v.base+"/-/whoami", func(r *http.Request) {
		r.Header.Set("Authorization", "Bearer "+c.Finding.Secret)
		r.Header.Set("Accept", "application/json")
	})
	if err != nil {
		return unknownf("%v", err)
	}
	switch a.status {
	case http.StatusOK:
		var w struct {
			Username string `json:"username"`
		}
		a.decode(&w)
		return verified("npm: token of user " + w.Username)
	case http.StatusUnauthorized:
		return invalid("npm: token rejected (HTTP 401)")
	}
	return otherStatus("npm", a)
}
