// Package testenv starts the real services integration tests need (a moto
// server for AWS APIs, PostgreSQL) on loopback. When a service is not
// installed the test is skipped, except under CI (CI=true), where that is a
// failure: scripts/test installs everything. Each skipped suite is reported by
// Run in a SKIPPED INTEGRATION line that `go test ./...` shows.
package testenv

import (
	"fmt"
	"net"
	"os"
	"testing"
)

// Require skips (or, in CI, fails) a test whose dependency is missing.
// The package's TestMain must run its tests through Run, which reports
// the skips where go test shows them; Require fails the test otherwise.
func Require(t testing.TB, ok bool, what, install string) {
	t.Helper()
	state.Lock()
	running := state.running
	state.Unlock()
	if !running {
		t.Fatalf("testenv.Require(%s): this package's TestMain does not call testenv.Run, so a skip would pass unnoticed: "+
			"add func TestMain(m *testing.M) { os.Exit(testenv.Run(m)) }", what)
	}
	if ok {
		return
	}
	msg := fmt.Sprintf("%s is not available (install: %s)", what, install)
	if os.Getenv("CI") != "" {
		t.Fatalf("%s; scripts/test should have installed it", msg)
	}
	recordSkip(t, msg)
	t.Skipf("SKIPPING integration test: %s", msg)
}

// FreePort returns a free TCP port on 127.0.0.1.
func FreePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("free port: %v", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
