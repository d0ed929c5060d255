package remediate

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
)

// githubRevoker revokes GitHub tokens through the credential revocation API
// (POST /credentials/revoke): it takes tokens found exposed, needs no
// authentication, and notifies their owners.
type githubRevoker struct{ d *Deps }

// The token kinds /credentials/revoke accepts: classic and fine-grained
// PATs, OAuth app tokens, GitHub App user-to-server and refresh tokens.
var githubTokenRe = regexp.MustCompile(`^(ghp_|gho_|ghu_|ghr_)[A-Za-z0-9]{36,}$|^github_pat_[A-Za-z0-9_]{50,}$`)

func (r githubRevoker) Name() string { return "github-token" }

func (r githubRevoker) Match(c *Candidate) bool { return githubTokenRe.MatchString(c.Secret) }

func (r githubRevoker) Plan(c *Candidate) Action {
	return Action{Kind: "revoke", Target: "github token " + c.Hash(), Steps: []string{
		"GET /user with the token (401: already revoked)",
		"POST " + r.d.Endpoints.GitHub + "/credentials/revoke (GitHub notifies the owner)",
		"issue a new token and store it (secretsweep migrate)",
	}}
}

func (r githubRevoker) Apply(ctx context.Context, c *Candidate, rec Recorder) Result {
	target := "github token " + c.Hash()
	base := r.d.Endpoints.GitHub
	h := http.Header{"Accept": {"application/vnd.github+json"}, "X-Github-Api-Version": {"2022-11-28"}}
	auth := h.Clone()
	auth.Set("Authorization", "Bearer "+c.Secret)
	st, _, err := call(ctx, r.d.HTTP, http.MethodGet, base+"/user", nil, auth)
	if err == nil && st != http.StatusUnauthorized && st >= 400 && st != http.StatusForbidden {
		err = fmt.Errorf("GET /user: HTTP %d", st)
	}
	rec.Step("github:GET /user", target, err)
	if err != nil {
		return failed(target, err)
	}
	if st == http.StatusUnauthorized {
		return Result{Status: StatusAlreadyDone, Target: target, Detail: "GitHub no longer accepts the token"}
	}
	body, _ := json.Marshal(map[string][]string{"credentials": {c.Secret}})
	h.Set("Content-Type", "application/json")
	st, resp, err := call(ctx, r.d.HTTP, http.MethodPost, base+"/credentials/revoke", bytes.NewReader(body), h)
	if err == nil && st != http.StatusAccepted {
		err = fmt.Errorf("POST /credentials/revoke: HTTP %d: %s", st, apiMessage(resp))
	}
	rec.Step("github:POST /credentials/revoke", target, err)
	if err != nil {
		return failed(target, err)
	}
	return Result{Status: StatusDone, Target: target, Detail: "revocation accepted by GitHub; issue a replacement token"}
}
