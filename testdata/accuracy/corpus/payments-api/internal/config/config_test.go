package config

import "testing"

func TestDSN(t *testing.T) {
	c := &Config{DBUser: "u", DBPassword: "p", DBHost: "h"}
	want := "postgres://u:p@h:5432/payments?sslmode=require"
	if got := c.DSN(); got != want {
		t.Fatalf("DSN() = %q, want %q", got, want)
	}
}

func TestLoadMissingPassword(t *testing.T) {
	t.Setenv("PAYMENTS_DB_PASSWORD", "")
	if _, err := Load(); err == nil {
		t.Fatal("want error")
	}
}

func TestWebhook(t *testing.T) {
	secret := "whsec_test_fixture_0000000000000000" // secretsweep:allow test fixture
	_ = secret
}
