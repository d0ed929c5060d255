package verify

import (
	"context"
	"time"

	"github.com/secretsweep/secretsweep/internal/credential/postgres"
	"github.com/secretsweep/secretsweep/internal/finding"
)

// postgresVerifier checks PostgreSQL URLs with a password by logging in,
// with a short timeout, to the host the URL names.
type postgresVerifier struct {
	timeout time.Duration
}

func (postgresVerifier) Name() string { return "postgres" }

// creds finds the URL whose credential the finding's secret is, in the
// secret itself, the match or the line.
func (postgresVerifier) creds(f finding.Finding) (postgres.Creds, bool) {
	return postgres.Find(f.Secret, f.Secret, f.Match, f.Line)
}

func (v postgresVerifier) Match(f finding.Finding) bool {
	_, ok := v.creds(f)
	return ok
}

func (v postgresVerifier) Verify(ctx context.Context, c Candidate) finding.Verification {
	creds, ok := v.creds(c.Finding)
	if !ok {
		return unknownf("PostgreSQL: no URL with a password in the finding")
	}
	return fromVerdict(postgres.Verify(ctx, creds, v.timeout))
}
