package rules

import (
	"fmt"
	"strings"

	"github.com/zricethezav/gitleaks/v8/config"
)

// sqlInsertPassword finds the password of a row inserted on one line by a
// SQL INSERT with a column list, wherever the statement is written: a
// string in code, a shell script, a README. The value is the one at the
// password column's place in the first row (the password column among the
// first eight). SQL files are the SQL parser's (rules/parse), which reads
// every row; this rule is for statements elsewhere.
func sqlInsertPassword() Rule {
	return build(spec{
		id:          "sql-insert-password",
		description: "User password in a SQL INSERT statement",
		regex:       sqlInsertRegex(8),
		keywords:    []string{"insert into"},
		tags:        []string{"database", "credfile"},
		weakOK:      true,
		allow: []*config.Allowlist{passwordPlaceholders(),
			{Description: "templated values", Regexes: compileAll([]string{
				`%[-+ #0]*\d*[sdvqr]`, `^\{\w*\}$`, `^[ \t]*["'+.]|["'+.][ \t]*$`, `["'][ \t]*[+.&]`,
			})},
		},
		tps: []string{
			"db.Exec(\"INSERT INTO users (id, username, password) VALUES (1, 'admin', 'adm1n-Pw')\")\n",
			"$sql = \"INSERT INTO `members` (`name`, `pass`, `role`) VALUES ('bob', 'hunter22', 'user');\";\n",
			"    cur.execute(\"insert into accounts(email, password_hash) values ('c@d.test', '0a1b2c3d4e5f60718293a4b5c6d7e8f9')\")\n",
			"psql -c \"INSERT INTO app_user (login, pwd) VALUES ('ci', 'ci-Pw-42');\"\n",
		},
		fps: []string{
			"db.Exec(\"INSERT INTO users (id, username, password) VALUES (?, ?, ?)\", id, name, pw)\n",
			"$sql = \"INSERT INTO users (name, password) VALUES ('$name', '$pass')\";\n",
			"cur.execute(\"INSERT INTO users (name, password) VALUES ('%s', '%s')\" % (n, p))\n",
			"q := \"INSERT INTO users (name, password) VALUES ('\" + name + \"', '\" + pw + \"')\"\n",
			"INSERT INTO products (sku, name, price) VALUES ('A1', 'Password manager', 10);\n",
			"INSERT INTO users (id, password_changed_at) VALUES (1, '2024-01-01 10:00');\n",
			"INSERT INTO users (name, password) VALUES ('ann', 'password');\n",
			"INSERT INTO users (name, password) VALUES ('ann', NULL);\n",
		},
	})
}

// sqlInsertRegex matches INSERT INTO table (columns) VALUES (values) with a
// password column at one of the first n places, and captures the value at
// that place: one alternative, with its own group, per place.
func sqlInsertRegex(n int) string {
	const (
		col = "[\\x60\"\\[]?\\w+[\\x60\"\\]]?"
		pw  = "[\\x60\"\\[]?(?:(?:\\w*_)?(?:pass(?:w(?:or)?d)?|pwd|passphrase)|\\w*(?:pwd|passw(?:or)?d))(?:_?(?:hash|hashed|digest|crypt|encrypted))?[\\x60\"\\]]?"
		val = `(?:'[^'\n]*'|"[^"\n]*"|\w+\([^()\n]*\)|[^,'"()\n]+)`
	)
	alts := make([]string, n)
	for k := range n {
		alts[k] = fmt.Sprintf(`\([ \t]*(?:%s[ \t]*,[ \t]*){%d}%s[ \t]*(?:,[^()\n]*)?\)[ \t]*values[ \t]*\([ \t]*(?:%s[ \t]*,[ \t]*){%d}(?:'([^'\n]{3,128})'|"([^"\n]{3,128})")`, col, k, pw, val, k)
	}
	return `(?i)\binsert[ \t]+into[ \t]+[\w.\x60"\[\]]+[ \t]*(?:` + strings.Join(alts, "|") + `)`
}
