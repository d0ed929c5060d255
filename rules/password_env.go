package rules

import "github.com/zricethezav/gitleaks/v8/config"

// passwordEnv finds passwords of any strength assigned without spaces to a
// password-named variable (DB_PASSWORD=pass123, PW=…, ;Pwd=…; in a
// connection string, password="…" keyword arguments): the forms of
// generic-secret-env, whose entropy cut-off no value of eight characters
// or fewer passes. Weak values are reported; the confidence scorer judges
// them by file and path.
func passwordEnv() Rule {
	return build(spec{
		id:          "generic-weak-password-env",
		description: "Password of any strength assigned to a password-named variable (shell, .env, compose, properties, connection string)",
		regex: `(?i)(?:^|[\s;&|(?,"'])(?:export[ \t]+|set[ \t]+)?` + passwordKey + `=(?:"([^"\r\n]{6,})"|'([^'\r\n]{6,})'` +
			"|([^\\s'\"`;&|<>(){}\\[\\],$\\\\][^\\s'\"`;&|<>(){}\\[\\],]{5,}))",
		keywords: passwordKeywords,
		tags:     []string{"env", "password"},
		weakOK:   true,
		allow:    []*config.Allowlist{passwordPlaceholders()},
		tps: []string{
			"DB_PASSWORD=pass123\n",
			"      - MYSQL_PASSWORD=hunter22\n",
			"export PGPASSWORD=s3cr3t!\n",
			"DB_PASS=adm1n2020\n",
			"PW=Tr0ub4dor\n",
			"Server=sql01;Database=Orders;User Id=app;Pwd=Sommer19;\n",
			"jdbc:mysql://db:3306/shop?user=shop&password=shop2019\n",
			"conn = mysql.connector.connect(host=\"db\", user=\"app\", password=\"app2019\")\n",
		},
		fps: []string{
			"DB_PASSWORD=\n",
			"DB_PASSWORD=changeme\n",
			"DB_PASSWORD=password\n",
			"export PGPASSWORD=$DB_PASSWORD\n",
			"PASSWORD=${DB_PASSWORD:-secret}\n",
			"cd \"$(pwd)\" && PWD=$(pwd) make\n",
			"OLDPWD=/home/runner/work\n",
			"bypass=abc12345\n",
			"DB_PASSWORD=<password>\n",
			"DB_PASSWORD=********\n",
			"POSTGRES_PASSWORD=postgres\n",
			"cmd.Env = append(env, \"PGPASSWORD=\"+p.Password)\n",
			"DB_PASSWORD=root\n",
		},
	})
}
