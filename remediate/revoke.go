package remediate

import (
	"context"

	"github.com/secretsweep/secretsweep/internal/credential"
	"github.com/secretsweep/secretsweep/internal/credential/github"
	"github.com/secretsweep/secretsweep/internal/credential/gitlab"
	"github.com/secretsweep/secretsweep/internal/credential/npm"
	"github.com/secretsweep/secretsweep/internal/credential/slack"
)

// revoker is what a credential package offers for tokens that revoke
// themselves (or, for GitHub, through an unauthenticated API).
type revoker interface {
	RevokePlan(token string) []string
	Revoke(ctx context.Context, token, target string, rec credential.Recorder) (credential.Revocation, error)
}

// tokenRevoker revokes one kind of token through its credential package.
type tokenRevoker struct {
	name  string // the rotator's name
	label string // names the token in targets ("github token <hash>")
	match func(secret string) bool
	r     revoker
}

func (t tokenRevoker) Name() string { return t.name }

func (t tokenRevoker) Match(c *Candidate) bool { return t.match(c.Secret) }

func (t tokenRevoker) Plan(c *Candidate) Action {
	return Action{Kind: "revoke", Target: t.label + " " + c.Hash(), Steps: t.r.RevokePlan(c.Secret)}
}

func (t tokenRevoker) Apply(ctx context.Context, c *Candidate, rec Recorder) Result {
	target := t.label + " " + c.Hash()
	rv, err := t.r.Revoke(ctx, c.Secret, target, rec)
	switch {
	case err != nil:
		return failed(target, err)
	case rv.Already:
		return Result{Status: StatusAlreadyDone, Target: target, Detail: rv.Detail}
	}
	return Result{Status: StatusDone, Target: target, Detail: rv.Detail}
}

// githubRevoker revokes GitHub tokens through the credential revocation
// API, which notifies their owners.
func githubRevoker(d *Deps) Rotator {
	return tokenRevoker{"github-token", "github token", github.Revocable, github.Client{API: d.Endpoints.GitHub, HTTP: d.HTTP}}
}

// slackRevoker revokes Slack tokens with auth.revoke.
func slackRevoker(d *Deps) Rotator {
	return tokenRevoker{"slack-token", "slack token", slack.Revocable, slack.Client{API: d.Endpoints.Slack, HTTP: d.HTTP}}
}

// gitlabRevoker has a GitLab token revoke itself.
func gitlabRevoker(d *Deps) Rotator {
	return tokenRevoker{"gitlab-token", "gitlab token", gitlab.Revocable, gitlab.Client{URL: d.Endpoints.GitLab, HTTP: d.HTTP}}
}

// npmRevoker has an npm token delete itself.
func npmRevoker(d *Deps) Rotator {
	return tokenRevoker{"npm-token", "npm token", npm.Revocable, npm.Client{Registry: d.Endpoints.NPM, HTTP: d.HTTP}}
}
