package rules

import (
	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/regexp"
)

// mysqlCLI finds passwords on mysql client command lines (-pSECRET,
// --password=SECRET), common in CI run: and sh steps, healthchecks and
// setup docs. A weak value is the password the client logs in with
// (-p123456, -pshop2019) and is reported, and so is a service's default
// (-proot in a provisioning script or in the setup docs of the stack that
// ships it: what its databases run with). -P is the port.
func mysqlCLI() Rule {
	return build(spec{
		id:          "mysql-cli-password",
		description: "Password on a mysql/mysqldump command line",
		regex: `(?i)\bmysql(?:dump|admin|import|sh|check|slap)?\b[^\n]*?[ \t](?:(?-i:-p)(?:"([^"\r\n]{4,})"|'([^'\r\n]{4,})'|([^\s'"-][^\s'"]{3,}))` +
			`|--password=(?:"([^"\r\n]{4,})"|'([^'\r\n]{4,})'|([^\s'"]{4,})))`,
		keywords: []string{"mysql"},
		tags:     []string{"ci", "cli", "database", "connection"},
		weakOK:   true,
		allow:    []*config.Allowlist{yamlPasswordPlaceholders()},
		check:    func(_, secret string) bool { return !portMapping.MatchString(secret) },
		tps: []string{
			"      - run: mysql -h 127.0.0.1 -u root -pVq8!Lm2xRz7k < schema.sql\n",
			"sh \"mysqldump -u backup --password='Kz9!qL2mXv7r' shop > dump.sql\"\n",
			"mysqladmin -uroot -p\"Tq7#vL2mXz9k\" status\n",
			"mysql -u root -p123456 shop < dump.sql\n",
			// A service default is what the stack runs with, in a script as in its setup docs.
			"mysql -uroot -proot -e 'create database library;'\n",
		},
		fps: []string{
			"      - run: mysql -h 127.0.0.1 -u root -p\"$MYSQL_ROOT_PASSWORD\" < schema.sql\n",
			"mysql -u root -p shop\n",
			"mysqldump --password=${DB_PASSWORD} shop\n",
			"mysql -uroot -ppassword -e 'show databases'\n",
			"mysql -h127.0.0.1 -P9306\n",
			"docker run --name mysql -p3306:3306 -d mysql:8\n",
			"    cmd = \"mysql -u #{config['username']} --password=#{config['password']} #{config['database']}\"\n",
		},
	})
}

// portMapping matches a port mapping (-p3306:3306 on a docker run line
// that names the mysql image), not a password.
var portMapping = regexp.MustCompile(`^\d+(?::\d+)+(?:/(?:tcp|udp))?$`)
