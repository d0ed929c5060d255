package rules

import (
	"strings"

	"github.com/zricethezav/gitleaks/v8/config"
)

// envAssignment finds KEY=value assignments without spaces: shell scripts
// in run:/script:/sh steps (PGPASSWORD=…, export X=…), .env files, Dockerfile
// ENV/ARG KEY=value, docker-compose environment lists, docker run -e,
// --build-arg, Java .properties, JDBC query strings and connection strings,
// keyword arguments (password="…"). Under a password-named key a weak value
// is reported too (assign_check.go).
func envAssignment() Rule {
	return build(spec{
		id:          "generic-secret-env",
		description: "Literal secret assigned to a secret-named variable (shell, .env, Dockerfile, compose, properties, connection string)",
		regex: `(?i)(?:^|[\s;&|(?,"'])(?:export[ \t]+|set[ \t]+)?` + assignKey + `=(?:` + assignQuoted +
			"|([^\\s'\"`;&|<>(){}\\[\\],$\\\\=][^\\s'\"`;&|<>(){}\\[\\],]{3,})[\\[(]?)",
		keywords: assignKeywords,
		tags:     []string{"ci", "env"},
		weakOK:   true,
		allow:    []*config.Allowlist{envPasswordPlaceholders()},
		check:    notIndexed(assignCheck(true)),
		tps: []string{
			"APP_PEPPER=Zorkpepper4711!\n",
			"passwordRedis=zork@4711.9!\n",
			// The password of a service named before auth.
			"REDIS_AUTH=zork4711x\n",
			// Service defaults: in .env files and Dockerfiles they are what the service runs with.
			"POSTGRES_PASSWORD=postgres\n",
			"DB_PASSWORD=root\n",
			// Short service passwords in .env and compose lists (four characters or more).
			"REDIS_PASSWORD=k9!z\n",
			"      - run: PGPASSWORD=Qz7!mK2pLx9v psql -h db.internal -U app -c 'select 1'\n",
			"export AWS_SECRET_ACCESS_KEY=Jx8fK2mQ9vLp3RtY7wZb1NcH5sDg4AeU6oIk0Tq2\n",
			"DB_PASSWORD=N7v!pQ2xLm9r\n",
			"ENV NPM_TOKEN=npm_Xj3kL9mQ2vR8tY5wZ1bN7cH4sD6gA0eU2oIq\n",
			"      - MYSQL_ROOT_PASSWORD=Tr4!nq8LmzW2\n",
			"spring.datasource.password=Gh72!kLqv9Xz\n",
			"jdbc:mysql://db:3306/shop?user=shop&password=Rk9v2LmQx7Tz\n",
			"Server=sql01;Database=Orders;User Id=app;Password=Wq8#Lp2vNz6m;\n",
			"APP_KEY=base64:3q2+7wWq4Lm8Xv9Zt1Rk6Yp0Hs5Jd2Nf7Gb4Ca1Ee8=\n",
			// Weak passwords under password-named keys.
			"DB_PASSWORD=pass123\n",
			"      - MYSQL_PASSWORD=hunter22\n",
			"export PGPASSWORD=s3cr3t!\n",
			"DB_PASS=adm1n2020\n",
			"PW=Tr0ub4dor\n",
			"Server=sql01;Database=Orders;User Id=app;Pwd=Sommer19;\n",
			"jdbc:mysql://db:3306/shop?user=shop&password=shop2019\n",
			"conn = mysql.connector.connect(host=\"db\", user=\"app\", password=\"app2019\")\n",
			// Once a placeholder here; the most common leaked password.
			"password=password123\n",
		},
		fps: []string{
			"            password=args['password'],\n",
			"  user = User(password=get_password(form))\n",
			"DB_PASSWORD=test\n",
			// Expressions of minified JavaScript.
			"(O.withCredentials=!!v.withCredentials,",
			",u.withCredentials=s.crossOrigin===\"use-credentials\"",
			// Auth keys naming a mechanism or a switch.
			"SMTP_AUTH=login\n",
			"MAIL_AUTH=cram-md5\n",
			"SMTP_AUTH=true\n",
			"REDIS_PASSWORD=k9!\n",
			"      - run: PGPASSWORD=$PGPASSWORD psql -h db\n",
			"export DB_PASSWORD=${DB_PASSWORD}\n",
			"DB_PASSWORD=\n",
			"DB_PASSWORD=changeme\n",
			"set DB_PASSWORD=%DB_PASSWORD%\n",
			"SECRET_KEY=your-secret-key-here\n",
			"API_TOKEN=$(cat /run/secrets/token)\n",
			"TOKEN_FILE=/var/run/secrets/token\n",
			"ENV DB_PASSWORD_FILE=/run/secrets/db_password\n",
			"cmd.Env = append(env, \"PGPASSWORD=\"+p.Password, \"PGCONNECT_TIMEOUT=10\")\n",
			"DB_PASSWORD=password\n",
			"PASSWORD=${DB_PASSWORD:-secret}\n",
			"cd \"$(pwd)\" && PWD=$(pwd) make\n",
			"OLDPWD=/home/runner/work\n",
			"bypass=abc12345\n",
			"DB_PASSWORD=<password>\n",
			"DB_PASSWORD=********\n",
			"API_TOKEN=abc123\n",
			"ACCESS_KEY=hunter22\n",
			"VAULT_PASSWORD=if_you_see_this_please_use_Vault2\n",
			// A comparison, not an assignment.
			"    if(req.body.password==req.body.confirmPassword2){\n",
		},
	})
}

// notIndexed wraps an unquoted-value check: a value followed by [ or ( is
// a name being indexed or called (password=args['password'],
// token=get_token()), an expression, not a literal.
func notIndexed(check func(match, secret string) bool) func(match, secret string) bool {
	return func(match, secret string) bool {
		if strings.HasSuffix(match, secret+"[") || strings.HasSuffix(match, secret+"(") {
			return false
		}
		return check(match, secret)
	}
}
