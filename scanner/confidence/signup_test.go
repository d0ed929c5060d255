package confidence

import (
	"testing"

	"github.com/secretsweep/secretsweep/internal/finding"
)

func TestSignupExample(t *testing.T) {
	tag := []string{"secretsweep", finding.TagSignup}
	for _, tc := range []struct {
		name, file, line string
		tags             []string
		want             bool
	}{
		{"JSON field of a guide's sign-up request", "README.md", `    "password": "zorkpass123",`, tag, true},
		{"curl form field", "docs/api.md", `curl -d 'username=zork&password=zork4711' http://localhost/register`, tag, true},
		{"request file", "requests.http", `  "password": "zork4711"`, tag, true},
		{"API notes without extension", "backend/manual_steps", `"password1": "zork_123",`, tag, true},
		{"no sign-up words near", "README.md", `    "password": "zorkpass123",`, []string{"secretsweep"}, false},
		{"a config snippet in docs", "README.md", `'password' => 'zork4711',`, tag, false},
		{"an export in docs", "README.md", `export MYSQL_PASSWORD=zork4711`, tag, false},
		{"source code", "app/seed.py", `    "password": "zork4711",`, tag, false},
		{"config", "config/default.json", `    "password": "zork4711",`, tag, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := finding.Finding{File: tc.file, Line: tc.line, Tags: tc.tags}
			if got := signupExample(&f); got != tc.want {
				t.Errorf("signupExample = %v, want %v", got, tc.want)
			}
		})
	}
}
