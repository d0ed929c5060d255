package credtest

import (
	"github.com/secretsweep/secretsweep/internal/credential"
	"github.com/secretsweep/secretsweep/internal/credential/aws"
	"github.com/secretsweep/secretsweep/internal/credential/github"
	"github.com/secretsweep/secretsweep/internal/credential/gitlab"
	"github.com/secretsweep/secretsweep/internal/credential/npm"
	"github.com/secretsweep/secretsweep/internal/credential/postgres"
	"github.com/secretsweep/secretsweep/internal/credential/slack"
	"github.com/secretsweep/secretsweep/internal/credential/stripe"
)

// Kind is one credential package and its samples.
type Kind struct {
	// Name is the package's name, which is also its verifier's name.
	Name    string
	Samples []credential.Sample
}

// Kinds lists every credential package. The verify and remediate registry
// tests check each of their entries against it.
func Kinds() []Kind {
	return []Kind{
		{"aws", aws.Samples},
		{"github", github.Samples},
		{"slack", slack.Samples},
		{"stripe", stripe.Samples},
		{"gitlab", gitlab.Samples},
		{"npm", npm.Samples},
		{"postgres", postgres.Samples},
	}
}
