package rules

import "github.com/zricethezav/gitleaks/v8/config"

// iniAssignment finds unquoted values assigned with spaces around "=":
// .pypirc, .properties, php.ini, setup.cfg and other INI-style files. In
// program source files such a value is an expression, so they are skipped,
// and values shaped like expressions are dropped wherever they are. Under a
// password-named key a weak value is reported too (assign_check.go).
func iniAssignment() Rule {
	return build(spec{
		id:          "generic-secret-ini",
		description: "Literal secret assigned to a secret-named key in an INI or properties file",
		regex: `(?im)^[ \t]*` + assignKey + `(?:[ \t]+=[ \t]*|=[ \t]+)` +
			"([^\\s'\"`$%{<(\\[][^\\s]{3,})[ \\t]*\\r?$",
		keywords: assignKeywords,
		tags:     []string{"config", "ini"},
		weakOK:   true,
		allow:    []*config.Allowlist{envPasswordPlaceholders(), sourceCodeAllow()},
		check:    notExpression(assignCheck(true)),
		tps: []string{
			"[pypi]\nusername = deploy\npassword = Lr8!vQ2mXz7k\n",
			"spring.datasource.password = Hx9v!Qm2Lz7r\n",
			"[client]\npassword = 7Gq!m2LxVz9p\n",
			"[remote \"backup\"]\ntype = s3\nsecret_access_key = Rk8vL2mQx7Tz9Wb3Nc5Hs1Dg4Ae6Uo0Iq2PlZy\n",
			// Weak passwords under password-named keys.
			"[client]\nuser = backup\npassword = bkp2019\n",
			"[pypi]\nusername = deploy\npassword = hunter22\n",
			"db.pass = shop2019\n",
			"DB_PWD = s3cr3t!\n",
		},
		fps: []string{
			"password = get_password()\n",
			"password = self._password\n",
			"token = os.environ[\"API_TOKEN\"]\n",
			"password = var.db_password\n",
			"token = data.vault_generic_secret.api.data[\"token\"]\n",
			"password = None\n",
			"\t\t\tv.AccessKey = &types.AccessKey{}\n",
			"password = %(DB_PASSWORD)s\n",
			// Rails and its JavaScript: expressions, not INI values.
			"    xhr.withCredentials = !!options.withCredentials\n",
			"      SESSION_KEY = :memcache_session_v2\n",
			"        token = @user.generate_token_for(:password_reset)\n",
			"      db_password = @configuration_hash[:password]\n",
			"      secret_key = ActiveSupport::KeyGenerator.new(secret).generate_key(salt, 32)\n",
			"password = changeme\n",
			"api_token = abc123\n",
		},
	})
}
