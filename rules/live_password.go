package rules

import (
	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/regexp"

	"github.com/secretsweep/secretsweep/internal/pwshape"
)

// livePasswordPath matches the files a stack runs with as they are
// (pwshape.LiveFilePath, which the confidence scorer shares).
const livePasswordPath = pwshape.LiveFilePath

// livePassword finds the password an environment variable gives a
// service in a live dotenv or compose file (or the default of the
// reference it is given, ${KC_DB_PASSWORD:-keycloak}), also when it is made of the
// words placeholders use (MYSQL_ROOT_PASSWORD: mysecretpassword,
// INFLUXDB_INIT_PASSWORD=secretpassword): there it is no placeholder, the
// database runs with it. The other assignment rules drop such words
// everywhere, where they mostly are placeholders; a lone filler word
// (password) is left to the scorer, which keeps it low.
func livePassword() Rule {
	return build(spec{
		id:          "generic-secret-live-password",
		description: "Password given to a service by an environment variable in a live dotenv or compose file, however word-like",
		regex: `(?m)^[ \t]*(?:-[ \t]+)?(?:export[ \t]+)?[A-Z][A-Z0-9_]*(?:PASSWORD|PASSWD|_PASS|_PWD)[ \t]*(?:=|:[ \t])[ \t]*` +
			`(?:"([^"\r\n]{3,64})"|'([^'\r\n]{3,64})'|([^\s'"#$<>{}(\[&*!|%@` + "`" + `][^\s'"]{2,63})|["']?\$\{[A-Za-z_][A-Za-z0-9_]*:?-([a-z][a-z_-]{2,63})\}["']?)[ \t]*(?:[ \t]#[^\r\n]*)?\r?$`,
		path:     livePasswordPath,
		keywords: []string{"pass", "pwd"},
		tags:     []string{"env", "live", "confidence:medium"}, // live: the value is what runs (scorer); a chosen word, never a strong secret
		weakOK:   true,
		allow: []*config.Allowlist{livePasswordPlaceholders(),
			{Description: "templates of a live file (example.env, docker-compose.sample.yml) and CI workflows (docker-publish.yml)",
				Paths: compileAll([]string{`(?i)(?:example|sample|template|tmpl|\.dist)[^/\\]*$`, `(?i)(?:^|/)\.github/`})}},
		check: livePasswordCheck,
		tps: []string{
			"MYSQL_ROOT_PASSWORD=mysecretpassword\n",
			"INFLUXDB_INIT_PASSWORD=secretpassword\n",
			"services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: mysecretpassword\n",
			"    environment:\n      - PG_PASSWORD=mysecretpassword\n",
			"      POSTGRES_PASSWORD: shop_password\n",
			// The default of a reference is what runs when the variable is unset.
			"      KC_DB_PASSWORD: ${KC_DB_PASSWORD:-keycloak}\n",
			// Names of generic words and short words are what runs in a live file.
			"      MYSQL_ROOT_PASSWORD: root_password\n",
			"      POSTGRES_PASSWORD: app\n",
			"      ORDER_DB_PASSWORD: ${ORDER_DB_PASSWORD:-app}\n",
		},
		fps: []string{
			"MYSQL_ROOT_PASSWORD=${MYSQL_ROOT_PASSWORD}\n",
			"MYSQL_ROOT_PASSWORD=changeme\n",
			"DB_PASSWORD=your_password\n",
			"DB_PASSWORD_FILE=/run/secrets/db_password\n",
			"MYSQL_PASSWORD=********\n",
			"# MYSQL_PASSWORD=mysecretpassword\n",
			"API_TOKEN=mysecrettoken\n",
			"MYSQL_PASSWORD=password\n",
			"POSTGRES_PASSWORD=postgres_password\n", // repeats its key
			"MYSQL_ALLOW_EMPTY_PASSWORD: \"yes\"\n",
			"MYSQL_ROOT_PASSWORD: your_root_password\n",
			// Chosen passwords are the other rules' (generic-secret-env).
			"MYSQL_PASSWORD=Xq7!Lm2vRz9k\n",
		},
	})
}

// livePasswordWords matches lower-case words, alone or joined by hyphens
// or underscores: what the other rules drop as placeholders. Anything
// else they report.
var livePasswordWords = regexp.MustCompile(`^[a-z]+(?:[-_][a-z]+)*$`)

// livePasswordCheck keeps only values made of lower-case words, three
// letters and up, that are not stated placeholders or booleans
// (configPasswordCheck): in a live file even POSTGRES_PASSWORD:
// db_password or MYSQL_ROOT_PASSWORD: root_password is what the
// database runs with (the real-code corpus labels every such value in a
// live file a credential), while your_password, change_me and a lone
// filler word (password) stand for one.
func livePasswordCheck(match, secret string) bool {
	if !livePasswordWords.MatchString(secret) {
		return false
	}
	return configPasswordCheck(match, secret)
}

// livePasswordPlaceholders is what stays a placeholder in a live file:
// masks and paths (livePasswordCheck judges snake_case names).
func livePasswordPlaceholders() *config.Allowlist {
	rs := []string{`^(?:\*+|#+|\.+|0{1,5}|0{9,}|1{1,5}|1{9,}|x+|X+|\?+)$`, `^(?:~|\.{1,2})?/[\w./-]+$`}
	return &config.Allowlist{Description: "live file placeholders", Regexes: compileAll(rs)}
}
