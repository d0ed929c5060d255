package verify

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/secretsweep/secretsweep/internal/finding"

	"github.com/secretsweep/secretsweep/internal/testenv"
)

func TestPostgresVerifier(t *testing.T) {
	pg := testenv.StartPostgres(t)
	pg.Exec(t, "CREATE ROLE app LOGIN PASSWORD 'FAKE-app-pass-1'")
	closed := testenv.FreePort(t)
	v := postgresVerifier{timeout: 3 * time.Second}
	urlFinding := func(u string) finding.Finding {
		f := newFinding("postgres-url", u)
		f.Line = "DATABASE_URL=" + u
		return f
	}
	// A rule that reports only the password, with the URL in the line.
	pwOnly := newFinding("url-password", "FAKE-app-pass-1")
	pwOnly.Match = "app:FAKE-app-pass-1@"
	pwOnly.Line = `  url: "` + pg.URL("app", "FAKE-app-pass-1", "") + `"`
	tests := []struct {
		name       string
		f          finding.Finding
		wantStatus string
		reason     string
	}{
		{"valid login", urlFinding(pg.URL("app", "FAKE-app-pass-1", "")), StatusVerified, "login as app at 127.0.0.1"},
		{"password in line", pwOnly, StatusVerified, "accepted"},
		{"postgresql scheme", urlFinding(strings.Replace(pg.URL("app", "FAKE-app-pass-1", ""), "postgres://", "postgresql://", 1)), StatusVerified, "accepted"},
		{"no such database", urlFinding(pg.URL("app", "FAKE-app-pass-1", "nosuchdb")), StatusVerified, "database nosuchdb does not exist"},
		{"wrong password", urlFinding(pg.URL("app", "FAKE-wrong-pass", "")), StatusInvalid, "SQLSTATE 28P01"},
		{"no such user", urlFinding(pg.URL("ghost", "FAKE-app-pass-1", "")), StatusInvalid, "rejected"},
		{"nothing listening", urlFinding(fmt.Sprintf("postgres://app:FAKE-app-pass-1@127.0.0.1:%d/app", closed)), StatusUnknown, "cannot reach 127.0.0.1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := verifyOne(t, v, tt.f)
			if got.Status != tt.wantStatus || !strings.Contains(got.Reason, tt.reason) {
				t.Errorf("got %+v, want %s %q", got, tt.wantStatus, tt.reason)
			}
			if strings.Contains(got.Reason, "FAKE-") {
				t.Errorf("reason holds a password: %q", got.Reason)
			}
		})
	}
}

func TestPostgresVerifierMatch(t *testing.T) {
	v := postgresVerifier{}
	for u, want := range map[string]bool{
		"postgres://app:FAKEpw@db.internal:5432/app":  true,
		"POSTGRESQL://app:FAKEpw@db.internal/app":     true,
		"postgres://app@db.internal/app":              false, // no password
		"postgres://app:@db.internal/app":             false,
		"mysql://app:FAKEpw@db.internal/app":          false,
		"postgres://:FAKEpw@/app?host=/var/run/pgsql": false, // no host to reach
	} {
		if got := v.Match(newFinding("postgres-url", u)); got != want {
			t.Errorf("Match(%q) = %v", u, got)
		}
	}
	// The secret must belong to the URL found.
	f := newFinding("generic-api-key", "FAKEunrelated")
	f.Line = "postgres://app:FAKEpw@db/app FAKEunrelated"
	if v.Match(f) {
		t.Error("matched a URL that does not hold the secret")
	}
}
