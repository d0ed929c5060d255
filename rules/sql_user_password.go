package rules

import (
	"regexp"
	"strings"

	"github.com/zricethezav/gitleaks/v8/config"
)

// sqlUserPassword finds database users' passwords in SQL statements
// wherever they are written: README and wiki code blocks, shell scripts
// (mysql -e "…"), strings in code, console transcripts (mysql> create
// user …). CREATE USER … IDENTIFIED BY '…', ALTER USER … IDENTIFIED WITH
// plugin BY '…', GRANT … IDENTIFIED BY '…', CREATE USER/ROLE/LOGIN … WITH
// [ENCRYPTED] PASSWORD [=] '…' and SET PASSWORD [FOR user] = [PASSWORD(]'…'.
// The statement is what makes the value a credential, so weak values are
// reported (tagged credfile: medium when weak). Only quoted literals count:
// an unquoted word after "identified by" is prose more often than SQL.
// The SQL parser (rules/parse) reads .sql files; this rule is for
// statements elsewhere.
func sqlUserPassword() Rule {
	return build(spec{
		id:          "sql-user-password",
		description: "Database user password in a SQL statement",
		regex: `(?i)(?:(?:\b(?:create|alter)[ \t]+user[ \t][^\n;]{0,160}?)?\bidentified[ \t]+(?:with[ \t]+['"` + "`" + `]?\w+['"` + "`" + `]?[ \t]+)?by[ \t]+` +
			`|\b(?:create|alter)[ \t]+(?:user|role|login)[ \t][^\n;]{0,160}?\bpassword[ \t]*=?[ \t]*N?` +
			`|\bset[ \t]+password[ \t]+(?:for[ \t]+[^\s=;]{1,100}[ \t]*)?=[ \t]*(?:password[ \t]*\([ \t]*)?)` +
			`(?:'([^'\r\n]{3,128})'|\\?"([^"\\\r\n]{3,128})\\?")`,
		entropy:  0,
		keywords: []string{"identified", "create user", "alter user", "create role", "alter role", "create login", "alter login", "set password"},
		tags:     []string{"database", "credfile"},
		weakOK:   true,
		check:    notUserName,
		allow: []*config.Allowlist{passwordPlaceholders(),
			// Format verbs, bind parameters and string concatenation:
			// the statement is a template, the value comes from elsewhere.
			{Description: "templated values", Regexes: compileAll([]string{
				`%[-+ #0]*\d*[sdvqr]`, `^\?$`, `^:\w+$`, `^\$\d+$`, `^\{\w*\}$`, `^[ \t]*["'+.]|["'+.][ \t]*$`, `["'][ \t]*[+.&]`,
			})},
		},
		tps: []string{
			"mysql> create user app@localhost identified by 'p@ssw0rd';\n",
			"    ALTER USER app@localhost IDENTIFIED WITH mysql_native_password BY 'Nat1ve-pw';\n",
			"GRANT ALL PRIVILEGES ON shop.* TO 'shop'@'%' IDENTIFIED BY 'sh0pPw';\n",
			"sudo -u postgres psql -c \"CREATE USER reports WITH ENCRYPTED PASSWORD 'rep0rts!';\"\n",
			"CREATE ROLE etl WITH LOGIN PASSWORD 'etl-Load-7';\n",
			"CREATE LOGIN svc WITH PASSWORD = N'Mssql-Svc-7';\n",
			"SET PASSWORD FOR 'root'@'localhost' = PASSWORD('r00tpw');\n",
			"db.execute(\"CREATE USER ci IDENTIFIED BY \\\"ci-Pw-42\\\"\")\n",
		},
		fps: []string{
			"CREATE USER app IDENTIFIED BY '%s';\n",
			"cur.execute(\"CREATE USER \" + name + \" IDENTIFIED BY '\" + pw + \"'\")\n",
			"mysql -e \"ALTER USER root IDENTIFIED BY '${MYSQL_ROOT_PASSWORD}';\"\n",
			"CREATE USER app WITH PASSWORD 'password';\n",
			"CREATE USER app WITH PASSWORD '<your-password>';\n",
			"ALTER USER app PASSWORD NULL;\n",
			"The records are identified by their primary key.\n",
			"query := `CREATE USER ` + user + ` WITH PASSWORD '` + pw + `'`\n",
			"CREATE USER app WITH PASSWORD :'pw';\n",
			"f\"CREATE ROLE {name} LOGIN PASSWORD '{password}'\"\n",
			"Reset password = click here\n",
			"#     CREATE USER db1 WITH PASSWORD 'db1';\n",
			"create user 'hib'@'localhost' identified by 'hib';\n",
		},
	})
}

// sqlUser finds the user a statement creates or alters.
var sqlUser = regexp.MustCompile("(?i)\\b(?:user|role|login|for)[ \\t]+['\"`]?([^'\"`@\\s;]+)")

// notUserName keeps a finding unless its password repeats the user's name
// (CREATE USER db1 WITH PASSWORD 'db1'): a template's default.
func notUserName(match, secret string) bool {
	m := sqlUser.FindStringSubmatch(match)
	return m == nil || !strings.EqualFold(m[1], secret)
}
