package rules

import "github.com/zricethezav/gitleaks/v8/config"

// saltConstant finds a literal salt (or pepper) assigned to a salt-named
// constant, variable or key: PASSWORD_SALT = "…", ACCESS_TOKEN_SALT = "…".
// An application-wide salt hard-coded in the source lets whoever reads it
// forge the tokens it salts or precompute the hashes it guards. Like the
// other non-password keys, the value must look generated (eight or more
// characters, entropy above 3, not word-like: assign_check.go), so the
// purpose strings frameworks use as key-derivation salts
// ("signed cookie", "action_dispatch.signed_cookie_salt") are not reported,
// nor are salts in tests, which configure the code under test.
func saltConstant() Rule {
	return build(spec{
		id:          "salt-constant",
		description: "Hard-coded salt or pepper assigned to a salt-named constant or key",
		regex: `(?i)\b[\w.-]*?(?:salt|pepper)(?:[_.-]?\d{1,2}|[_.-][A-Za-z]{2,12})?(?:["'][ \t]*\]?[ \t]*(?::|=>|=)|[ \t]*(?::=|=>|=|:))[ \t]*` +
			`(?:"([^"\r\n]{8,})"|'([^'\r\n]{8,})')`,
		keywords: []string{"salt", "pepper"},
		tags:     []string{"code", "salt"},
		check:    codeCheck,
		allow: []*config.Allowlist{{Description: "salts in tests", Paths: compileAll([]string{
			`(?i)(?:^|/)(?:tests?|specs?|__tests__|testdata|fixtures)/|[_.-](?:test|spec)s?\.[a-z]+$|Tests?\.(?:java|kt|cs|scala)$`}),
		}},
		tps: []string{
			"ACCESS_TOKEN_SALT = \"Zq4827wkfjz#QWER\"\n",
			"  public static final String PASSWORD_SALT = \"GnomeBakery4711\";\n",
			"    'salt' => 'b7Fq2LzX9mKp',\n",
			"  public static final String PASSWORD_SALT_ADMIN = \"GnomeBakery4712\";\n",
		},
		fps: []string{
			"    SIGNED_COOKIE_SALT = \"action_dispatch.signed_cookie_salt\"\n",
			"    config.action_dispatch.signed_cookie_salt = \"signed cookie\"\n",
			"  key_derivation_salt: \"testing key derivation salt\",\n",
			"salt = os.environ['APP_SALT']\n",
			"SALT = \"<your-salt-here>\"\n",
			"  salt_rounds = \"12\"\n",
			"HASH_SALT = \"abcdefghijkl\"\n",
		},
	})
}
