package rules

import "github.com/zricethezav/gitleaks/v8/config"

// passwordINI finds passwords of any strength assigned with spaces around
// "=" to a password-named key in INI-style files (my.cnf, .pypirc,
// .properties, Makefiles), the forms of generic-secret-ini and with its
// restrictions: no program source files, no expressions.
func passwordINI() Rule {
	return build(spec{
		id:          "generic-weak-password-ini",
		description: "Password of any strength assigned to a password-named key in an INI or properties file",
		regex: `(?im)^[ \t]*` + passwordKey + `(?:[ \t]+=[ \t]*|=[ \t]+)` +
			"([^\\s'\"`$%{<(\\[][^\\s]{5,})[ \\t]*\\r?$",
		keywords: passwordKeywords,
		tags:     []string{"config", "ini", "password"},
		weakOK:   true,
		allow:    []*config.Allowlist{passwordPlaceholders(), sourceCodeAllow(), expressionAllow()},
		tps: []string{
			"[client]\nuser = backup\npassword = bkp2019\n",
			"[pypi]\nusername = deploy\npassword = hunter22\n",
			"db.pass = shop2019\n",
			"DB_PWD = s3cr3t!\n",
		},
		fps: []string{
			"password = get_password()\n",
			"password = None\n",
			"password = changeme\n",
			"    xhr.withCredentials = !!options.withCredentials\n",
			"      db_password = @configuration_hash[:password]\n",
			"compass = north2019\n",
			"password = %(DB_PASSWORD)s\n",
		},
	})
}
