package engine

import (
	"strings"
	"testing"
)

func TestSignupBefore(t *testing.T) {
	guide := "## Register\n\n```\nPOST /api/auth/register\n{\n  \"email\": \"zork@example.org\",\n  \"password\": \"zork4711\"\n}\n```\n"
	far := "## Register\n" + strings.Repeat("text\n", 9) + "  \"password\": \"zork4711\"\n"
	for _, tc := range []struct {
		name, text string
		want       bool
	}{
		{"registration above", guide, true},
		{"on the line", "curl -d 'password=zork4711' http://localhost/signup\n", true},
		{"create user", "Create a new user:\n  \"password\": \"zork4711\"\n", true},
		{"nine lines away", far, false},
		{"login only", "## Login\n  \"password\": \"zork4711\"\n", false},
		{"first line", "  \"password\": \"zork4711\"", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := signupBefore(tc.text, strings.Index(tc.text, "zork4711")); got != tc.want {
				t.Errorf("signupBefore = %v, want %v", got, tc.want)
			}
		})
	}
}
