package verify

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/secretsweep/secretsweep/internal/finding"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// pgURL finds postgres:// and postgresql:// URLs.
var pgURL = regexp.MustCompile(`(?i)\bpostgres(?:ql)?://[^\s'"<>` + "`" + `]+`)

// postgresVerifier checks PostgreSQL URLs with a password by logging in,
// with a short timeout, to the host the URL names.
type postgresVerifier struct {
	timeout time.Duration
}

func (postgresVerifier) Name() string { return "postgres" }

func (v postgresVerifier) Match(f finding.Finding) bool {
	_, _, ok := v.url(f)
	return ok
}

// url returns the finding's URL and its password: the secret is the URL
// itself or its password, and the URL comes from the secret, the match or
// the line.
func (postgresVerifier) url(f finding.Finding) (*url.URL, string, bool) {
	for _, text := range []string{f.Secret, f.Match, f.Line} {
		for _, raw := range pgURL.FindAllString(text, -1) {
			raw = strings.TrimRight(raw, ".,;)]}")
			u, err := url.Parse(raw)
			if err != nil || u.User == nil || u.Hostname() == "" {
				continue
			}
			pw, ok := u.User.Password()
			if !ok || pw == "" {
				continue
			}
			if f.Secret == raw || f.Secret == pw || strings.Contains(raw, f.Secret) {
				return u, pw, true
			}
		}
	}
	return nil, "", false
}

func (v postgresVerifier) Verify(ctx context.Context, c Candidate) finding.Verification {
	u, pw, ok := v.url(c.Finding)
	if !ok {
		return unknownf("PostgreSQL: no URL with a password in the finding")
	}
	where := u.Host
	cfg, err := pgx.ParseConfig(u.String())
	if err != nil {
		return unknownf("PostgreSQL: URL at %s does not parse", where)
	}
	// Only what the URL says: no password file, no PG* defaults for the
	// secret, no other hosts.
	cfg.Password = pw
	cfg.ConnectTimeout = v.timeout
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < cfg.ConnectTimeout {
		cfg.ConnectTimeout = time.Until(dl)
	}
	var fallbacks []*pgconn.FallbackConfig
	for _, fb := range cfg.Fallbacks {
		if fb.Host == cfg.Host {
			fallbacks = append(fallbacks, fb)
		}
	}
	cfg.Fallbacks = fallbacks
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err == nil {
		defer conn.Close(context.Background())
		return verified(fmt.Sprintf("PostgreSQL: login as %s at %s accepted", cfg.User, where))
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "28P01", "28000":
			return invalid(fmt.Sprintf("PostgreSQL: %s at %s rejected the login (SQLSTATE %s)", cfg.User, where, pgErr.Code))
		case "3D000":
			// Authentication precedes the database lookup.
			return verified(fmt.Sprintf("PostgreSQL: login as %s at %s accepted; database %s does not exist", cfg.User, where, cfg.Database))
		}
		return unknownf("PostgreSQL: %s answered SQLSTATE %s", where, pgErr.Code)
	}
	if ctx.Err() != nil || errors.Is(err, context.DeadlineExceeded) {
		return unknownf("PostgreSQL: no answer from %s within the timeout", where)
	}
	return unknownf("PostgreSQL: cannot reach %s: %s", where, lastLine(err))
}

// lastLine keeps the innermost cause of a pgconn error, which names the
// host and the network failure but not the connection string.
func lastLine(err error) string {
	s := err.Error()
	if i := strings.LastIndex(s, ": "); i >= 0 && i+2 < len(s) {
		return s[i+2:]
	}
	return s
}
