package remediate

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
)

// gitlabRevoker revokes a GitLab personal access token with the token
// itself (DELETE /api/v4/personal_access_tokens/self).
type gitlabRevoker struct{ d *Deps }

var gitlabTokenRe = regexp.MustCompile(`^glpat-[0-9A-Za-z_.-]{20,}$`)

func (r gitlabRevoker) Name() string { return "gitlab-token" }

func (r gitlabRevoker) Match(c *Candidate) bool { return gitlabTokenRe.MatchString(c.Secret) }

func (r gitlabRevoker) Plan(c *Candidate) Action {
	return Action{Kind: "revoke", Target: "gitlab token " + c.Hash(), Steps: []string{
		"DELETE " + r.d.Endpoints.GitLab + "/api/v4/personal_access_tokens/self with the token",
		"issue a new token and store it (secretsweep migrate)",
	}}
}

func (r gitlabRevoker) Apply(ctx context.Context, c *Candidate, rec Recorder) Result {
	target := "gitlab token " + c.Hash()
	st, body, err := call(ctx, r.d.HTTP, http.MethodDelete, r.d.Endpoints.GitLab+"/api/v4/personal_access_tokens/self", nil,
		http.Header{"Private-Token": {c.Secret}})
	if err == nil && st == http.StatusUnauthorized {
		rec.Step("gitlab:DELETE /personal_access_tokens/self", target, nil)
		return Result{Status: StatusAlreadyDone, Target: target, Detail: "GitLab no longer accepts the token"}
	}
	if err == nil && st != http.StatusNoContent {
		err = fmt.Errorf("DELETE /personal_access_tokens/self: HTTP %d: %s", st, apiMessage(body))
		if st == http.StatusForbidden {
			err = fmt.Errorf("%w (the token lacks the api scope: revoke it in User Settings > Access tokens)", err)
		}
	}
	rec.Step("gitlab:DELETE /personal_access_tokens/self", target, err)
	if err != nil {
		return failed(target, err)
	}
	return Result{Status: StatusDone, Target: target, Detail: "revoked"}
}
