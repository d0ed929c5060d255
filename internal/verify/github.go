package verify

import (
	"context"
	"fmt"
	"net/http"
	"regexp"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// githubToken matches the token formats that can call GET /user: classic
// and fine-grained PATs, OAuth, user-to-server and installation tokens.
var githubToken = regexp.MustCompile(`^(?:gh[pous]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{22,251})$`)

// githubVerifier checks GitHub tokens with GET /user.
type githubVerifier struct {
	base string
	hc   *http.Client
}

func (githubVerifier) Name() string { return "github" }

func (githubVerifier) Match(f finding.Finding) bool { return githubToken.MatchString(f.Secret) }

func (v githubVerifier) Verify(ctx context.Context, c Candidate) finding.Verification {
	a, err := call(ctx, v.hc, "GitHub", http.MethodGet, v.base+"/user", func(r *http.Request) {
		r.Header.Set("Authorization", "Bearer "+c.Finding.Secret)
		r.Header.Set("Accept", "application/vnd.github+json")
		r.Header.Set("X-GitHub-Api-Version", "2022-11-28")
	})
	if err != nil {
		return unknownf("%v", err)
	}
	switch a.status {
	case http.StatusOK:
		var u struct {
			Login string `json:"login"`
		}
		a.decode(&u)
		return verified(fmt.Sprintf("GitHub: token of user %s", u.Login))
	case http.StatusUnauthorized:
		return invalid("GitHub: 401 Bad credentials")
	case http.StatusForbidden, http.StatusTooManyRequests:
		if a.header.Get("X-RateLimit-Remaining") == "0" || a.header.Get("Retry-After") != "" {
			return unknownf("GitHub: rate limited (HTTP %d)", a.status)
		}
		if a.status == http.StatusForbidden {
			// Installation tokens and narrow fine-grained tokens authenticate
			// but may not read the user.
			return verified("GitHub: token is valid but may not read /user (HTTP 403)")
		}
	}
	return otherStatus("GitHub", a)
}
