package testenv

import (
	"os"
	"strings"
	"testing"
)

func TestStartPostgres(t *testing.T) {
	pg := StartPostgres(t)
	if got := pg.Exec(t, "SELECT current_user || ' ' || inet_server_addr()"); got != "postgres 127.0.0.1/32" {
		t.Errorf("server answered %q", got)
	}
	pg.Exec(t, "CREATE ROLE app LOGIN PASSWORD 'FAKE-app-password'")
	if !strings.HasPrefix(pg.URL("app", "FAKE-app-password", ""), "postgres://app:FAKE-app-password@127.0.0.1:") {
		t.Errorf("URL %s", pg.URL("app", "FAKE-app-password", ""))
	}
	// A second server runs beside the first.
	other := StartPostgres(t)
	if other.Port == pg.Port || other.Dir == pg.Dir {
		t.Error("servers share a port or directory")
	}
	if got := other.Exec(t, "SELECT count(*) FROM pg_roles WHERE rolname = 'app'"); got != "0" {
		t.Errorf("second server sees the first's role: %q", got)
	}
	if _, err := os.Stat(pg.Dir); err != nil {
		t.Error(err)
	}
}
