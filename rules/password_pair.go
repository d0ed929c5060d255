package rules

import (
	"strings"

	"github.com/zricethezav/gitleaks/v8/config"
)

// passwordPair finds a password set together with its confirmation to the
// same literal on the next line: the users of Rails seeds and factories,
// sign-up fixtures (password: "…",\n password_confirmation: "…"). A label
// is never confirmed, so a bare word is reported here although
// generic-secret-code drops it under a lone password key.
func passwordPair() Rule {
	const (
		key = `["']?(?:[\w.-]*?[_.-])?password["']?[ \t]*(?::|=>|=)[ \t]*`
		lit = `(?:"([^"\r\n]{6,})"|'([^'\r\n]{6,})')`
	)
	return build(spec{
		id:          "password-confirmation-pair",
		description: "Password literal repeated in its confirmation on the next line",
		regex: `(?i)` + key + lit + `[ \t]*,?[ \t]*\r?\n[ \t]*:?["']?(?:[\w.-]*?[_.-])?password[_.-]?confirmation["']?[ \t]*(?::|=>|=)[ \t]*` +
			`(?:"[^"\r\n]*"|'[^'\r\n]*')`,
		keywords: []string{"confirmation"},
		tags:     []string{"code", "password"},
		weakOK:   true,
		allow:    []*config.Allowlist{passwordPlaceholders()},
		check:    confirmedTwice,
		tps: []string{
			"    email: \"zork@example.org\",\n    password: \"zorkzorky\",\n    password_confirmation: \"zorkzorky\",\n",
			"  user.password = 'frobnicate'\n  user.password_confirmation = 'frobnicate'\n",
			"  :password => \"Zork!4711\",\n  :password_confirmation => \"Zork!4711\"\n",
		},
		fps: []string{
			"    password: \"zorkzorky\",\n    password_confirmation: \"different\",\n",
			"    password: \"password\",\n    password_confirmation: \"password\",\n",
			"    password: \"zorkzorky\",\n    email: \"zorkzorky\",\n",
			"    password: params[:password],\n    password_confirmation: params[:password_confirmation],\n",
		},
	})
}

// confirmedTwice keeps a finding whose confirmation, the last literal of
// the match, is the password itself.
func confirmedTwice(match, secret string) bool {
	m := strings.TrimRight(match, `"'`)
	return strings.HasSuffix(m, secret) && strings.Count(match, secret) >= 2
}
