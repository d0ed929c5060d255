package verify

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// gitlabToken matches personal, project and group access tokens (glpat-).
var gitlabToken = regexp.MustCompile(`^glpat-[0-9A-Za-z_.-]{20,300}$`)

// gitlabVerifier checks GitLab tokens with GET
// /api/v4/personal_access_tokens/self.
type gitlabVerifier struct {
	base string
	hc   *http.Client
}

func (gitlabVerifier) Name() string { return "gitlab" }

func (gitlabVerifier) Match(f finding.Finding) bool { return gitlabToken.MatchString(f.Secret) }

func (v gitlabVerifier) Verify(ctx context.Context, c Candidate) finding.Verification {
	a, err := call(ctx, v.hc, "GitLab", http.MethodGet, v.base+"/api/v4/personal_access_tokens/self", func(r *http.Request) {
		r.Header.Set("PRIVATE-TOKEN", c.Finding.Secret)
	})
	if err != nil {
		return unknownf("%v", err)
	}
	switch a.status {
	case http.StatusOK:
		var t struct {
			Name    string   `json:"name"`
			Scopes  []string `json:"scopes"`
			Active  *bool    `json:"active"`
			Revoked bool     `json:"revoked"`
		}
		a.decode(&t)
		if t.Revoked || (t.Active != nil && !*t.Active) {
			return invalid(fmt.Sprintf("GitLab: token %q is revoked or inactive", t.Name))
		}
		return verified(fmt.Sprintf("GitLab: token %q, scopes %s", t.Name, strings.Join(t.Scopes, ",")))
	case http.StatusUnauthorized:
		return invalid("GitLab: 401 Unauthorized")
	case http.StatusForbidden:
		if strings.Contains(string(a.body), "insufficient_scope") {
			return verified("GitLab: token is valid but its scopes do not allow reading itself (HTTP 403)")
		}
	}
	return otherStatus("GitLab", a)
}
