package rules

import "github.com/zricethezav/gitleaks/v8/config"

// mysqlProbe finds the password of a mysql client that a compose
// healthcheck or a Kubernetes probe runs as an exec array
// (["CMD", "mysqladmin", "ping", "-u", "root", "-prootpass"], or the
// same command as a YAML list with "- -prootpass" on its own line). The
// probe logs into the database the same file starts, so the value is the
// password that database runs with, however word-like (root, rootpass):
// mysql-cli-password leaves such words out because in setup docs they
// mostly are a stack's documented default.
func mysqlProbe() Rule {
	return build(spec{
		id:          "mysql-probe-password",
		description: "Password of a mysql client in a compose healthcheck or Kubernetes probe command",
		regex: `(?i)\bmysql(?:admin|sh)?(?:["'][^\n\]]*?,[ \t]*["']?(?-i:-p)` + probePassword +
			`|["']?[ \t]*\r?\n(?:[ \t]*-[ \t]+[^\n]*\r?\n){0,10}?[ \t]*-[ \t]+["']?(?-i:-p)` + probePassword + `)`,
		path:     `(?i)\.ya?ml$`,
		keywords: []string{"mysql"},
		tags:     []string{"database", "connection", "live", "confidence:medium"},
		weakOK:   true,
		allow: []*config.Allowlist{livePasswordPlaceholders(),
			{Description: "templates (docker-compose.sample.yml)", Paths: compileAll([]string{`(?i)(?:example|sample|template|tmpl|\.dist)[^/\\]*$`})}},
		tps: []string{
			"    healthcheck:\n      test: [\"CMD\", \"mysqladmin\", \"ping\", \"-h\", \"localhost\", \"-u\", \"root\", \"-prootpass\"]\n",
			"      test: ['CMD', 'mysqladmin', 'ping', '-uroot', '-pzork4711']\n",
			"          exec:\n            command:\n              - mysqladmin\n              - ping\n              - -u\n              - root\n              - -pzorkroot\n",
		},
		fps: []string{
			"      test: [\"CMD\", \"mysqladmin\", \"ping\", \"-h\", \"localhost\", \"-u\", \"root\", \"-p${MYSQL_ROOT_PASSWORD}\"]\n",
			"      test: [\"CMD\", \"mysqladmin\", \"ping\", \"-h\", \"localhost\", \"-p$$MYSQL_ROOT_PASSWORD\"]\n",
			"      test: [\"CMD\", \"mysqladmin\", \"ping\", \"-h\", \"localhost\", \"-u\", \"root\", \"-p\"]\n",
			"      test: [\"CMD-SHELL\", \"mysqladmin ping -uroot -p$MYSQL_ROOT_PASSWORD\"]\n",
			"              - mysqladmin\n              - ping\n              - -p\n              - \"3306\"\n",
			"    ports: [\"3306:3306\"]\n    image: mysql\n    command: [\"mysqld\", \"--port\", \"3306\"]\n",
			"              - mysqladmin\n              - -p{{ .Values.rootPassword }}\n",
		},
	})
}

// probePassword is the value after -p up to the end of its array item,
// not a reference (${X}, $$X, {{ x }}).
const probePassword = `([^\s'"\-$%{<\[\]][^\s'"\]]{2,63})["']?[ \t]*(?:[,\]\r\n]|$)`
