package rules

import "github.com/zricethezav/gitleaks/v8/config"

// codeConfigPasswordPath matches configuration written as code, the file
// an application reads its database login from: PHP config.php, db.php,
// connect.php and database.php, Django settings (settings.py,
// settings/*.py, local_settings.py), and JavaScript or TypeScript
// config.js, db.js, database.js.
const codeConfigPasswordPath = `(?i)(?:^|[\\/])(?:(?:[\w-]*[_-])?(?:config|configuration|settings|database|db|conn|connect|connection|dbconnect|db_connect|conexion)(?:[._-][\w.-]+)?\.(?:php|py|js|ts)|settings[\\/][\w.-]+\.py)$`

// codeConfigPassword finds a word-like password (vaio, Lucoa, uknow) under
// a password key in configuration written as code: define('DB_PASS', '…'),
// $mysql_password = "…", 'PASSWORD': '…' in Django's DATABASES, password:
// '…' in a db.js. The other code rules want six characters or a chosen
// shape, since in code at large a short word under a password key is a
// label or a placeholder; in these files it is what the database runs
// with, as in a .properties file (generic-secret-config-word, whose check
// this shares: stated placeholders, lone filler words, a value repeating
// its key are not reported). Translations and bundled libraries are
// judged by the scorer.
func codeConfigPassword() Rule {
	const word = `(?:"([A-Za-z][A-Za-z0-9_-]{2,39})"|'([A-Za-z][A-Za-z0-9_-]{2,39})')`
	return build(spec{
		id:          "generic-secret-code-config-word",
		description: "Word-like password under a password key in configuration written as code (PHP config.php, Django settings, db.js)",
		regex: `(?im)(?:\bdefine\([ \t]*["']\w*(?:pass(?:w(?:or)?d)?|pwd)\w*["'][ \t]*,` +
			`|(?:\$\w*(?:pass(?:w(?:or)?d)?|pwd)\w*|["']\w*(?:pass(?:w(?:or)?d)?|pwd)["']|\b\w*(?:password|passwd|pwd))[ \t]*(?:=>|=|:))` +
			`[ \t]*` + word + `[ \t]*[,;)}]{0,3}[ \t]*(?:(?://|#)[^\r\n]*)?\r?$`,
		path:     codeConfigPasswordPath,
		keywords: []string{"pass", "pwd"},
		tags:     []string{"code", "live", "confidence:medium"}, // live: the value is what runs (scorer)
		weakOK:   true,
		allow:    []*config.Allowlist{passwordPlaceholders()},
		check:    configPasswordCheck,
		tps: []string{
			"define('DB_PASS', 'zork');\n",
			"$mysql_password = \"gnome\";\t// database password\n",
			"DATABASES = {\n    'default': {\n        'USER': 'postgres',\n        'PASSWORD': 'Zorka',\n    }\n}\n",
			"module.exports = {\n  user: 'app',\n  password: 'plugh',\n}\n",
		},
		fps: []string{
			"define('DB_PASS', getenv('DB_PASS'));\n",
			"$mysql_password = \"password\";\n",
			"        'PASSWORD': 'your_password',\n",
			"  password: process.env.DB_PASSWORD,\n",
			"  password: 'password',\n",
			"    'PASSWORD': 'PASSWORD',\n",
			"$db_pass = 'db_pass';\n",
		},
	})
}
