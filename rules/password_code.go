package rules

import "github.com/zricethezav/gitleaks/v8/config"

// passwordCode finds quoted passwords of any strength assigned to
// password-named variables, keys and arguments in code, Terraform and
// JSON: the forms of generic-secret-code, without its entropy cut-off. A
// bare word is a label there ("Password", "hidden"), so the value needs a
// digit or a symbol.
func passwordCode() Rule {
	const q = `"([^"\r\n]{6,})"|'([^'\r\n]{6,})'`
	return build(spec{
		id:          "generic-weak-password-code",
		description: "Quoted password of any strength assigned to a password-named variable or key in code",
		regex: `(?i)\b` + passwordKey + `(?:["'][ \t]*(?::|=>|=)[ \t]*(?:` + q + `)` +
			`|(?:[ \t]*(?::=|=>|\?=|\|\|=)[ \t]*|[ \t]+=[ \t]*|=[ \t]+)(?:` + q + `)` +
			`|:[ \t]*(?:"([^"\r\n]{6,})"|'([^'\r\n]{6,})'|\x60([^\x60\r\n$]{6,})\x60)[ \t]*[,}])`,
		keywords: passwordKeywords,
		tags:     []string{"code", "password"},
		weakOK:   true,
		allow: []*config.Allowlist{passwordPlaceholders(),
			{Description: "words: labels and names", Regexes: compileAll([]string{`^[A-Za-z_-]+$`})}},
		tps: []string{
			"db_password = \"pass123\"\n",
			"        'PASSWORD': 'hunter22',\n",
			"    'password' => 'shop2019',\n",
			"{\"password\": \"s3cr3t!\"}\n",
			"  client.connect({ host: 'db', user: 'app', pw: 'app2019' });\n",
			"$dbpass = 'root123';\n",
		},
		fps: []string{
			"password = \"${var.db_password}\"\n",
			"        'PASSWORD': os.environ['DB_PASSWORD'],\n",
			"label = { password: \"Password\", }\n",
			"{\"password\": \"\"}\n",
			"{\"password\": \"changeme\"}\n",
			"$pass = \"hidden\";\n",
			"placeholder: \"Enter your password\",\n",
			"self.bypass = \"abc12345\"\n",
			"\"password_confirmation\": \"pass123\"\n",
		},
	})
}
