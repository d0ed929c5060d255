package remediate

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
)

// slackRevoker revokes Slack bot and user tokens with auth.revoke.
type slackRevoker struct{ d *Deps }

var slackTokenRe = regexp.MustCompile(`^xox[abps]-[0-9A-Za-z-]{10,}$`)

func (r slackRevoker) Name() string { return "slack-token" }

func (r slackRevoker) Match(c *Candidate) bool { return slackTokenRe.MatchString(c.Secret) }

func (r slackRevoker) Plan(c *Candidate) Action {
	return Action{Kind: "revoke", Target: "slack token " + c.Hash(), Steps: []string{
		"POST " + r.d.Endpoints.Slack + "/auth.revoke with the token",
		"reinstall the app or issue a new token and store it (secretsweep migrate)",
	}}
}

func (r slackRevoker) Apply(ctx context.Context, c *Candidate, rec Recorder) Result {
	target := "slack token " + c.Hash()
	h := http.Header{"Authorization": {"Bearer " + c.Secret}, "Content-Type": {"application/x-www-form-urlencoded"}}
	st, body, err := call(ctx, r.d.HTTP, http.MethodPost, r.d.Endpoints.Slack+"/auth.revoke", nil, h)
	var resp struct {
		OK      bool   `json:"ok"`
		Revoked bool   `json:"revoked"`
		Error   string `json:"error"`
	}
	if err == nil {
		if st != http.StatusOK || json.Unmarshal(body, &resp) != nil {
			err = fmt.Errorf("auth.revoke: HTTP %d", st)
		}
	}
	switch {
	case err != nil:
	case resp.OK && resp.Revoked:
	case resp.Error == "invalid_auth" || resp.Error == "token_revoked" || resp.Error == "account_inactive" || resp.Error == "token_expired":
		rec.Step("slack:auth.revoke", target, nil)
		return Result{Status: StatusAlreadyDone, Target: target, Detail: "Slack no longer accepts the token (" + resp.Error + ")"}
	default:
		err = fmt.Errorf("auth.revoke: ok=%v revoked=%v error=%q", resp.OK, resp.Revoked, resp.Error)
	}
	rec.Step("slack:auth.revoke", target, err)
	if err != nil {
		return failed(target, err)
	}
	return Result{Status: StatusDone, Target: target, Detail: "revoked with auth.revoke"}
}
