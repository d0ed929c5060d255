package parse

import "testing"

func TestPlaceholder(t *testing.T) {
	for v, want := range map[string]bool{
		"":                           true,
		"${DB_PASSWORD}":             true,
		"<%= ENV['DB_PASSWORD'] %>":  true,
		"{{ server.pass }}":          true,
		"{password}":                 true,
		"********":                   true,
		"<your password>":            true,
		"SSH_KEY_PASSWORD_HERE":      true,
		"password-of-virtualmachine": true,
		"your_password":              true,
		"changeme":                   true,
		"null":                       true,
		// Weak passwords are credentials.
		"pass":         false,
		"root":         false,
		"123456":       false,
		"hunter22":     false,
		"blue-monkey":  false,
		"Qm9!tLx7vR2k": false,
	} {
		if got := Placeholder(v); got != want {
			t.Errorf("Placeholder(%q) = %v, want %v", v, got, want)
		}
	}
}
