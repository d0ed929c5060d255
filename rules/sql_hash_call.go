package rules

import "github.com/zricethezav/gitleaks/v8/config"

// sqlHashCall finds a password in clear that a SQL script hashes as it
// seeds an account: INSERT … VALUES (…, MD5('…')), SHA1('…'), SHA2('…',
// 256), MySQL's PASSWORD('…') and pgcrypto's crypt('…', gen_salt('bf')).
// The argument is the seeded account's password however weak, and it is
// in clear. Only SQL files are read: in code, md5('hello') is a self-test.
func sqlHashCall() Rule {
	return build(spec{
		id:          "sql-hash-call-password",
		description: "Password in clear hashed by a SQL function in a SQL script (MD5('…'), SHA1('…'), crypt('…', …))",
		regex:       `(?i)\b(?:md5|sha1|sha2|sha256|password|old_password|crypt|encrypt)\([ \t]*'([^'\r\n]{3,})'[ \t]*[,)]`,
		path:        `(?i)\.sql$`,
		keywords:    []string{"md5(", "sha1(", "sha2(", "sha256(", "password(", "crypt("},
		tags:        []string{"sql", "password"},
		weakOK:      true,
		allow:       []*config.Allowlist{passwordPlaceholders()},
		tps: []string{
			"INSERT INTO users VALUES (1,'zork','Zork','Login1',sha1('zork4711')),\n",
			"INSERT INTO users VALUES ('1','admin','admin','admin',MD5('gnome4711'),'admin.jpg');\n",
			"INSERT INTO accounts (name, pw) VALUES ('zork', crypt('zorkpass1', gen_salt('bf')));\n",
			"SET PASSWORD FOR 'app'@'localhost' = PASSWORD('zork4711');\n",
		},
		fps: []string{
			"INSERT INTO users VALUES (1,'zork',md5(concat(salt, pw)));\n",
			"SELECT * FROM users WHERE pw = MD5('');\n",
			"INSERT INTO users VALUES (1,'zork',MD5('password'));\n",
		},
	})
}
