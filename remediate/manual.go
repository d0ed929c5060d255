package remediate

import (
	"context"
	"strings"

	"github.com/secretsweep/secretsweep/internal/credential/aws"
	"github.com/secretsweep/secretsweep/internal/credential/github"
	"github.com/secretsweep/secretsweep/internal/credential/gitlab"
	"github.com/secretsweep/secretsweep/internal/credential/npm"
	"github.com/secretsweep/secretsweep/internal/credential/slack"
	"github.com/secretsweep/secretsweep/internal/credential/stripe"
)

// manualRotator is the catch-all: it explains what a person must do and
// links the provider's rotation guide.
type manualRotator struct{}

// guides maps rule ID prefixes (gitleaks rule IDs) to rotation guides.
var guides = []struct{ prefix, url string }{
	{"aws", aws.Guide},
	{"gcp", "https://cloud.google.com/iam/docs/keys-create-delete#deleting"},
	{"azure", "https://learn.microsoft.com/en-us/azure/key-vault/secrets/tutorial-rotation"},
	{"github", github.Guide},
	{"gitlab", gitlab.Guide},
	{"slack", slack.Guide},
	{"npm", npm.Guide},
	{"stripe", stripe.Guide},
	{"twilio", "https://www.twilio.com/docs/iam/api-keys#delete-an-api-key"},
	{"sendgrid", "https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys#delete-an-api-key"},
	{"openai", "https://help.openai.com/en/articles/9047852-how-can-i-rotate-my-api-key"},
	{"private-key", "https://docs.github.com/en/authentication/connecting-to-github-with-ssh/reviewing-your-ssh-keys"},
	{"jwt", "https://owasp.org/www-project-cheat-sheets/cheatsheets/JSON_Web_Token_for_Java_Cheat_Sheet.html"},
}

// genericGuide applies when no provider guide is known.
const genericGuide = "https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html#rotation"

func guideFor(rule string) string {
	for _, g := range guides {
		if strings.HasPrefix(rule, g.prefix) {
			return g.url
		}
	}
	return genericGuide
}

func (manualRotator) Name() string { return "manual" }

func (manualRotator) Match(*Candidate) bool { return true }

func (manualRotator) Plan(c *Candidate) Action {
	return Action{
		Kind:   "manual",
		Target: c.Finding.RuleID + " " + c.Hash(),
		Steps: []string{
			"issue a new credential at the provider and deploy it (Secrets Manager: secretsweep migrate)",
			"revoke the leaked credential " + c.Hash() + " at the provider",
			"check the provider's access logs for use since " + leakDate(c),
		},
		Guide: guideFor(c.Finding.RuleID),
	}
}

func (m manualRotator) Apply(_ context.Context, c *Candidate, rec Recorder) Result {
	a := m.Plan(c)
	rec.Step("manual", a.Target, nil)
	return Result{Status: StatusManual, Target: a.Target, Guide: a.Guide, Detail: "rotate by hand: " + a.Guide}
}

func leakDate(c *Candidate) string {
	if c.Finding.Date != "" {
		return c.Finding.Date
	}
	return "the file was first committed"
}
