package rules

import (
	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/regexp"
)

// envDefault finds the literal default of a secret-named environment
// lookup: getenv('DB_PASSWORD') ?: '…' (PHP), os.getenv("DB_PASS", "…"),
// os.environ.get("X", "…"), env('DB_PASSWORD', '…') (Laravel),
// process.env.DB_PASSWORD || '…', ENV.fetch("DB_PASSWORD", "…"),
// config.get('PASSWORD') || '…' (node-config, NestJS's ConfigService),
// ENV['DB_PASSWORD'] || '…', and ${KEYSTORE_PASSWORD:…} or ${X:-…}
// (Spring, shell, compose). The default is what runs wherever the variable
// is unset: a credential, a service's shipped password too
// (${DB_PASSWORD:root}), unless it is a placeholder (changeit, changeme,
// or the lone "secret" of Laravel-style fallbacks).
func envDefault() Rule {
	const (
		q   = `["']`
		lit = `(?:"([^"\r\n$]{4,})"|'([^'\r\n$]{4,})')`
		// litArg is the default argument of a lookup call: on the next line
		// too, named (default=), and holding a $ after its first character
		// (generated Django keys do; ${…} references are placeholders).
		litArg = `,\s*(?:default[ \t]*=[ \t]*)?(?:"([^"\r\n$][^"\r\n]{3,})"|'([^'\r\n$][^'\r\n]{3,})')`
		or     = `[ \t]*(?:\?:|\?\?|\|\||\bor\b)[ \t]*`
	)
	key := `[\w.-]*?(?:pass(?:w(?:or)?d|phrase)?|pwd|pw|secret|token|credentials?|(?:api|access|private|auth|signing|encryption|master|secret)[_.-]?key)` + keyQualifier
	return build(spec{
		id:          "env-default-secret",
		description: "Literal default of a secret-named environment variable lookup",
		regex: `(?i)(?:\b(?:getenv|environ\.get|env(?:\.str)?|ENV\.fetch|(?:get_?)?env_?or_?default|get_?env_?(?:or_?)?default|must_?get_?env)\([ \t]*` + q + key + q + `[ \t]*(?:` + litArg + `|\)` + or + lit + `)` +
			`|(?:process\.env\.` + key + `|process\.env\[` + q + key + q + `\]|\b(?:ENV|\$_ENV|\$_SERVER|os\.environ)\[` + q + key + q + `\])` + or + lit +
			`|\b(?:config|configService)\.get(?:<\w+>)?\([ \t]*` + q + key + q + `[ \t]*\)` + or + lit +
			`|\$\{` + key + `:-?([^}\s$'"]{4,})\})`,
		keywords: []string{"getenv(", "ordefault(", "envdefault(", "env_default(", "or_default(", "get_env(", "environ", "env(", "env.str(", "env.fetch(", "process.env", "env[", "_server[", "_password:", "_pass:", "_pwd:", "_secret:", "_token:", "_key:", "{password:", "{secret:", "config.get", "configservice.get"},
		tags:     []string{"code", "password"},
		weakOK:   true,
		allow:    []*config.Allowlist{envPasswordPlaceholders()},
		check:    envDefaultCheck,
		tps: []string{
			"$_APP[ 'db_password' ] = getenv('DB_PASSWORD') ?: 'z0rk@pw';\n",
			"DB_PASS = os.getenv(\"DB_PASS\", \"zork4711\")\n",
			"    password=os.environ.get('SMTP_PASSWORD', 'Zork!4711'),\n",
			"        'password' => env('DB_PASSWORD', 'zork4711'),\n",
			"const pw = process.env.DB_PASSWORD || 'zork4711'\n",
			"  password: process.env['MONGO_PASSWORD'] ?? \"zork4711\",\n",
			"  config.secret_key = ENV.fetch(\"SECRET_KEY\", \"4fG8hJ2kL9mN3pQ7rS1tV5wX\")\n",
			"server.ssl.key-store-password=${KEYSTORE_PASSWORD:zork4711}\n",
			// A project's own lookup helper with a default (Go).
			"\t\tRoot: envOrDefault(\"MYSQL_ROOT_PASSWORD\", \"zork4711\"),\n",
			"\t\tDbPassword: getEnv(\"MYSQL_PASSWORD\", \"zork4711x\"),\n",
			// node-config and NestJS ConfigService lookups.
			"    password: config.get('PASSWORD')||'zork4711',\n",
			"  secret: this.configService.get<string>('JWT_SECRET') ?? 'zork-4711',\n",
			"      - POSTGRES_PASSWORD=${POSTGRES_PASSWORD:-zork4711}\n",
			"spring.datasource.password=${DB_PASSWORD:root}\n",
			// Django settings: the default on the next line, or named.
			"SECRET_KEY = env('SECRET_KEY',\n                 'q7+zx_kw3%8m$vb!!lq2r@n6t^p9e0')\n",
			"SECRET_KEY = env.str('DJANGO_SECRET_KEY', default='q7+zx_kw3%8m$vb!!lq2r@n6t^p9e0')\n",
		},
		fps: []string{
			"server.ssl.key-store-password=${KEYSTORE_PASSWORD:changeit}\n",
			"DB_PASS = os.getenv(\"DB_PASS\", \"changeme\")\n",
			"        'password' => env('DB_PASSWORD', ''),\n",
			"        'password' => env('DB_PASSWORD', 'secret'),\n",
			"const pw = process.env.DB_PASSWORD || defaultPassword\n",
			"const pw = process.env.DB_PASSWORD || ''\n",
			"  token = ENV.fetch(\"GITHUB_TOKEN\", nil)\n",
			"      - POSTGRES_PASSWORD=${POSTGRES_PASSWORD:?required}\n",
			"      - POSTGRES_PASSWORD=${POSTGRES_PASSWORD:-${DEFAULT_PW}}\n",
			"  api_key = os.getenv(\"API_KEY\", \"none-set\")\n",
			"  timeout = os.getenv(\"TOKEN_TIMEOUT\", \"3600\")\n",
			"SECRET_KEY = env('SECRET_KEY',\n                 '${DJANGO_SECRET_KEY}')\n",
		},
	})
}

// envDefaultCheck judges the default by its key, as the assignment rules
// do: a password of six or more characters, or a generated-looking value
// under any other secret name. The key is the variable's name.
func envDefaultCheck(match, secret string) bool {
	return assignCheck(false)(envDefaultKey(match, secret), secret)
}

// envVarName finds the variable's name in an environment lookup.
var envVarName = regexp.MustCompile(`(?:\(["']|\.env\.|\[["']|\$\{)([\w.-]+)`)

// envDefaultKey returns an assignment of secret to the variable the
// lookup in match reads, for assignCheck's key-aware judgement.
func envDefaultKey(match, secret string) string {
	name := ""
	if m := envVarName.FindStringSubmatch(match); m != nil {
		name = m[1]
	}
	return name + "=" + secret
}
