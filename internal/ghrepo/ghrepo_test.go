package ghrepo

import (
	"strings"
	"testing"
)

func TestResolve(t *testing.T) {
	for _, tc := range []struct {
		explicit, url, owner, name, err string
	}{
		{"", "https://github.com/acme/payments.git", "acme", "payments", ""},
		{"", "https://github.com/acme/payments", "acme", "payments", ""},
		{"", "git@github.com:acme/pay.ments.git", "acme", "pay.ments", ""},
		{"", "ssh://git@github.com/acme/payments/", "acme", "payments", ""},
		{"other/repo", "https://github.com/acme/payments.git", "other", "repo", ""},
		{"", "https://gitlab.example.com/acme/payments.git", "", "", "cannot tell the GitHub repository from remote origin; pass --github-repo OWNER/NAME"},
		{"", "", "", "", "pass --github-repo"},
		{"acme", "", "", "", `--github-repo "acme" is not OWNER/NAME`},
		{"acme/pay/ments", "", "", "", "is not OWNER/NAME"},
		{"/payments", "", "", "", "is not OWNER/NAME"},
	} {
		owner, name, err := Resolve(tc.explicit, "origin", tc.url)
		if owner != tc.owner || name != tc.name || (err == nil) != (tc.err == "") || err != nil && !strings.Contains(err.Error(), tc.err) {
			t.Errorf("Resolve(%q, %q) = %q, %q, %v; want %q, %q, %q", tc.explicit, tc.url, owner, name, err, tc.owner, tc.name, tc.err)
		}
	}
}
