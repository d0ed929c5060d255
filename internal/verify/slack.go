package verify

import (
	"context"
	"fmt"
	"net/http"
	"regexp"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// slackToken matches bot, user, app-level-config and refresh tokens, which
// auth.test accepts.
var slackToken = regexp.MustCompile(`^xox[abpre]-[0-9A-Za-z-]{10,250}$`)

// slackInvalid are auth.test errors that mean the token is dead.
var slackInvalid = map[string]bool{
	"invalid_auth": true, "not_authed": true, "account_inactive": true,
	"token_revoked": true, "token_expired": true,
}

// slackVerifier checks Slack tokens with auth.test.
type slackVerifier struct {
	base string
	hc   *http.Client
}

func (slackVerifier) Name() string { return "slack" }

func (slackVerifier) Match(f finding.Finding) bool { return slackToken.MatchString(f.Secret) }

func (v slackVerifier) Verify(ctx context.Context, c Candidate) finding.Verification {
	a, err := call(ctx, v.hc, "Slack", http.MethodPost, v.base+"/auth.test", func(r *http.Request) {
		r.Header.Set("Authorization", "Bearer "+c.Finding.Secret)
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	})
	if err != nil {
		return unknownf("%v", err)
	}
	if a.status != http.StatusOK {
		return otherStatus("Slack", a)
	}
	var r struct {
		OK    bool   `json:"ok"`
		Error string `json:"error"`
		Team  string `json:"team"`
		User  string `json:"user"`
	}
	a.decode(&r)
	switch {
	case r.OK:
		return verified(fmt.Sprintf("Slack: token of %s in workspace %s", r.User, r.Team))
	case slackInvalid[r.Error]:
		return invalid("Slack: " + r.Error)
	case r.Error != "":
		return unknownf("Slack: %s", r.Error)
	}
	return unknownf("Slack: unreadable auth.test answer")
}
