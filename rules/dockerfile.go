package rules

import "github.com/zricethezav/gitleaks/v8/config"

// dockerfile finds secrets baked into images with the space form of
// Dockerfile ENV and ARG ("ENV DB_PASSWORD s3cret"); the KEY=value form is
// covered by generic-secret-env. A weak password under a password-named
// variable is reported too (assign_check.go).
func dockerfile() Rule {
	return build(spec{
		id:          "dockerfile-env-secret",
		description: "Secret set with Dockerfile ENV or ARG (it stays in the image layers)",
		regex: `(?im)^[ \t]*(?:ENV|ARG)[ \t]+` + assignKey + `[ \t]+(?:` + assignQuoted +
			"|([^\\s'\"$=][^\\s]{3,}))[ \\t]*\\r?$",
		keywords: assignKeywords,
		tags:     []string{"ci", "docker"},
		weakOK:   true,
		allow:    []*config.Allowlist{envPasswordPlaceholders()},
		check:    assignCheck(true),
		tps: []string{
			// Service defaults: in .env files and Dockerfiles they are what the service runs with.
			"ENV MYSQL_ROOT_PASSWORD root\n",
			"FROM node:20\nENV NPM_TOKEN npm_R8kL2mQ9vXz7Tp3Wb5Nc1Hs4Dg6Ae0Uo2Iq\n",
			"ARG DB_PASSWORD \"Lq9!vX2mRz7k\"\n",
			"env SENTRY_AUTH_TOKEN 7f3a9c2e8b1d4f6a0e5c9b2d7a1f3e8c\n",
			"ENV MYSQL_ROOT_PASSWORD hunter22\n",
		},
		fps: []string{
			"ARG NPM_TOKEN\n",
			"ENV DB_PASSWORD $DB_PASSWORD\n",
			"ENV DB_PASSWORD_FILE /run/secrets/db_password\n",
			"ARG GITHUB_TOKEN=\"\"\n",
			"ENV API_TOKEN abc12345\n",
		},
	})
}
