package postgres_test

import (
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/internal/credential/postgres"
)

func TestFind(t *testing.T) {
	tests := []struct {
		name, secret, text string
		want               postgres.Creds
	}{
		{"whole URL", "postgres://app:FAKEpw@db.internal:6432/orders?sslmode=require", "",
			postgres.Creds{Engine: "postgres", Host: "db.internal", Port: 6432, Username: "app", Password: "FAKEpw", DBName: "orders", SSLMode: "require"}},
		{"password in a sentence", "FAKEpw", "see postgresql://app:FAKEpw@db.internal/app).",
			postgres.Creds{Engine: "postgres", Host: "db.internal", Port: postgres.DefaultPort, Username: "app", Password: "FAKEpw", DBName: "app"}},
		{"encoded password as written", "FAKE%2Fpw", "postgres://app:FAKE%2Fpw@db/app",
			postgres.Creds{Engine: "postgres", Host: "db", Port: postgres.DefaultPort, Username: "app", Password: "FAKE/pw", DBName: "app"}},
		{"user and password", "app:FAKEpw@", "postgres://app:FAKEpw@db/app",
			postgres.Creds{Engine: "postgres", Host: "db", Port: postgres.DefaultPort, Username: "app", Password: "FAKEpw", DBName: "app"}},
		{"part without the password", "db/app", "postgres://app:FAKEpw@db/app", postgres.Creds{}},
		{"bad port", "FAKEpw", "postgres://app:FAKEpw@db:port/app", postgres.Creds{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := postgres.Find(tt.secret, tt.secret, tt.text)
			if got != tt.want || ok != (tt.want != postgres.Creds{}) {
				t.Errorf("Find = %+v, %v", got, ok)
			}
		})
	}
}

func TestParseValue(t *testing.T) {
	tests := []struct {
		value string
		ok    bool
		port  int
	}{
		{`{"engine":"postgres","host":"db","port":"6432","username":"app","password":"FAKEpw"}`, true, 6432},
		{`{"engine":"aurora-postgresql","host":"db","port":5433,"username":"app","password":"FAKEpw"}`, true, 5433},
		{`{"engine":"mysql","host":"db","port":3306,"username":"app","password":"FAKEpw"}`, false, 0},
		{`{"engine":"postgres","username":"app","password":"FAKEpw"}`, false, 0},
		{" postgres://app:FAKEpw@db/app\n", true, postgres.DefaultPort},
	}
	for _, tt := range tests {
		c, ok := postgres.ParseValue(tt.value)
		if ok != tt.ok || (ok && c.Port != tt.port) {
			t.Errorf("postgres.ParseValue(%.40s) = %+v, %v", tt.value, c.Port, ok)
		}
	}
	c, _ := postgres.ParseValue(`{"engine":"postgres","host":"db","port":5432,"username":"app","password":"FAKE/pw","dbname":"orders","sslmode":"verify-full"}`)
	if back, ok := postgres.ParseURL(c.URL()); !ok || back != c {
		t.Errorf("URL() does not round-trip: %+v", back)
	}
}

func TestScramVerifierShape(t *testing.T) {
	v, err := postgres.ScramVerifier("FAKE-password")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(v, "SCRAM-SHA-256$4096:") || strings.Count(v, "$") != 2 || strings.Contains(v, "FAKE-password") {
		t.Fatalf("verifier %q", v)
	}
}
