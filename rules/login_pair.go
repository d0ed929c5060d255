package rules

import "github.com/zricethezav/gitleaks/v8/regexp"

// loginPair finds a login written as "user / password", the way READMEs,
// deployment notes and seed scripts list the accounts an app is seeded
// with ("- admin / Admin123!", console.log('Admin: admin@shop.io /
// admin123'), echo "Grafana: http://localhost:3000 (admin / admin123)").
// The user must look like an account (admin, root, demo, guest, test…,
// user1, a snake_case name or an e-mail address) and the password must
// mix letters and digits, so that fractions, paths and "read / write"
// are not read as logins.
func loginPair() Rule {
	return build(spec{
		id:          "login-pair-password",
		description: "Password of a login written as user / password in docs, comments or printed output",
		regex: "(?m)(?:^|[:(•*\"'`>-])[ \\t]*`?" +
			`(?:admin|administrator|root|superuser|sa|demo|guest|user\d*|test\w*|[A-Za-z][A-Za-z0-9]*_\w+|[\w.+-]+@[\w-]+\.[A-Za-z]{2,}(?:\.[A-Za-z]{2,})?)` +
			"`?[ \\t]+/[ \\t]+`?" + "([^\\s/`'\"(),;]{3,63}[^\\s/`'\"(),;.:])" + "`?(?:[\\s`'\"(),;.:]|$)",
		keywords: []string{" / "},
		tags:     []string{"login", "confidence:medium"},
		weakOK:   true,
		check:    func(_, secret string) bool { return loginValue(secret) },
		tps: []string{
			"- admin / Zork4711! (admin role)\n",
			"        print(\"   • admin / Zork4711!\")\n",
			"console.log('Admin: admin@zork.io / zork4711');\n",
			"echo \"Grafana:    http://localhost:3000  (admin / zork4711)\"\n",
			"| `jane_smith` / `Qz7mK2pL` |\n",
		},
		fps: []string{
			"var t = startEnd_startP / startEnd2;\n",
			"- read / write\n",
			"- admin / admin\n",
			"Supported: user / v1.2.3\n",
			"- admin / ${ADMIN_PASSWORD}\n",
			"see docs/admin / setup2.md\n",
			"- admin / <password>\n",
			"ratio = total_count / 2\n",
			"            price_change_pct = (price_change / candles[0][\"open\"]) * 100\n",
			"            pct_24h = (price_change_24h / price_24h_ago) * 100\n",
		},
	})
}

// loginValue reports a value written as a login's password: letters with
// digits, no version and no operand of a division.
func loginValue(secret string) bool {
	return loginPairValue.MatchString(secret) && !versionLike.MatchString(secret) && !operand.MatchString(secret)
}

// loginPairValue: letters and digits (admin123, Zork4711!), what a chosen
// or seeded password has and a word of prose has not.
var loginPairValue = regexp.MustCompile(`[A-Za-z].*[0-9]|[0-9].*[A-Za-z]`)

// versionLike matches versions and sizes (v18, 2x, 1.2.3, 10mb).
var versionLike = regexp.MustCompile(`(?i)^(?:v?\d+(?:\.\d+)*[a-z]{0,3}|\d+x)$`)

// operand matches what follows a division in code rather than a
// password: an indexed or called expression (candles[0], f(x)) or a
// snake_case variable (price_24h_ago).
var operand = regexp.MustCompile(`[\[\]{}()=<>]|^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$`)
