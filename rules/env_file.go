package rules

import (
	"strings"

	"github.com/zricethezav/gitleaks/v8/config"
)

// envFilePath matches dotenv files: .env, .env.example, .env.local,
// defaults.env, docker.env, env.example. Code files named env.js or
// env.py are not among them.
const envFilePath = `(?i)(?:^|[\\/])(?:\.env(?:\.[\w-]+)*|[\w.-]+\.env|env\.(?:example|sample|dist|template|tmpl|local|dev|development|prod|production|staging|test|testing|defaults?))$`

// envFile finds the literal values of secret-named keys in dotenv files.
// There a value is what the stack runs with, however weak or word-like:
// MYSQL_PASSWORD=secret, REDIS_PASSWORD=secret_redis, MEILISEARCH_KEY=
// masterkey. Only filler words (password, token, test), references,
// masks and self-declared placeholders (changeme, example, your_…, <…>)
// are dropped. generic-secret-env reports the strong ones everywhere;
// the engine keeps one finding of the two.
func envFile() Rule {
	return build(spec{
		id:          "generic-secret-envfile",
		description: "Literal secret under a secret-named key in a dotenv file, however weak",
		regex: `(?im)^[ \t]*(?:export[ \t]+)?` + assignKey + `[ \t]*=[ \t]*(?:"([^"\r\n]{4,})"|'([^'\r\n]{4,})'|` +
			"([^\\s'\"`#$<>{}(\\[][^\\s'\"`]{3,}))[ \\t]*(?:[ \\t]#[^\\r\\n]*)?\\r?$",
		path:     envFilePath,
		keywords: assignKeywords,
		tags:     []string{"env"},
		weakOK:   true,
		allow:    []*config.Allowlist{envFilePlaceholders()},
		check:    envFileCheck,
		tps: []string{
			"MYSQL_PASSWORD=secret\n",
			"KEYCLOAK_ADMIN_PASSWORD='secret'\n",
			"REDIS_PASSWORD=stack_redis\n",
			"GRAFANA_DB_PASSWORD=acme_grafana\n",
			"SONAR_DB_PASSWORD=sonarPass\n",
			"SEARCH_MASTER_KEY=masterkey\n",
			"QUEUE_JWT_KEY=another_secret\n",
			"export SMTP_PASSWORD=mailpit\n",
			"PROXY_MASTER_KEY=sk-devstack # the proxy's admin key\n",
		},
		fps: []string{
			"DB_PASSWORD=\n",
			"DB_PASSWORD=password\n",
			"DB_PASSWORD=${DB_PASSWORD}\n",
			"DB_PASSWORD=changeme\n",
			"MONGO_PASSWORD=example\n",
			"APP_SECRET=ChangeMeChangeMe\n",
			"MSSQL_PASSWORD=\"yourStrong(!)Password\"\n",
			"BLACKFIRE_SERVER_TOKEN=\"<server_token>\"\n",
			"REDIS_PASSWORD=None\n",
			"IMAGE_SECURITY_KEY=\"MY_SECURE_KEY\"\n",
			"RELIC_KEY=0000\n",
			"SSH_PRIVATE_KEY=~/.ssh/id_rsa\n",
			"API_KEY=abc\n",
			"PUSHER_KEY=https://push.internal/key\n",
			"DB_PASSWORD=test\n",
			"API_TOKEN=my-secret-token\n",
			"APP_SECRET=secret_key_here\n",
			"# DB_PASSWORD=secret\n",
			"GITHUB_TOKEN=from-env\n",
			"DEPLOY_PASSWORD=set-in-ci\n",
		},
	})
}

// envFileCheck keeps a value of four or more characters under a password
// key, of six or more under any other secret key (API_KEY, JWT_SECRET),
// and never a URL under a key that is not a password (a key's address,
// not the key).
func envFileCheck(match, secret string) bool {
	if passwordKeyOnly.MatchString(keyOf(match, secret)) {
		return len(secret) >= minEnvPasswordLen
	}
	return len(secret) >= minPasswordLen && !strings.Contains(secret, "://")
}
