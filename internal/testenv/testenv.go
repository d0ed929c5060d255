// Package testenv starts the real services integration tests need (a moto
// server for AWS APIs) on loopback. When a service is not installed the test
// is skipped with a loud message, except under CI (CI=true), where that is a
// failure: .ci/run installs everything.
package testenv

import (
	"fmt"
	"net"
	"os"
	"testing"
)

// Require skips (or, in CI, fails) a test whose dependency is missing.
func Require(t testing.TB, ok bool, what, install string) {
	t.Helper()
	if ok {
		return
	}
	msg := fmt.Sprintf("%s is not available (install: %s)", what, install)
	if os.Getenv("CI") != "" {
		t.Fatalf("%s; .ci/run should have installed it", msg)
	}
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
