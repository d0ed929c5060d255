package rules

import "github.com/zricethezav/gitleaks/v8/config"

// yamlValue finds literal secrets in YAML mappings: GitHub Actions env: and
// with:, .gitlab-ci.yml and Bitbucket variables, CircleCI and CodeBuild
// environment blocks, docker-compose environment maps, Helm values, Spring
// application.yml, kubeconfig tokens, .yarnrc.yml, and Kubernetes Secret
// stringData (and data, once gitleaks has decoded the base64). Under a
// password-named key a weak value is reported too, unless it is a bare word
// (a label, or a translation in a locale file) (assign_check.go). Program
// source files are skipped: object literals are generic-secret-code's.
func yamlValue() Rule {
	return build(spec{
		id:          "generic-secret-yaml",
		description: "Literal secret assigned to a secret-named key in a YAML file (CI/CD pipeline, compose, Helm, Spring, Kubernetes)",
		regex: `(?im)^[ \t]*(?:-[ \t]+)?` + assignKey + `[ \t]*:[ \t]+(?:"([^"\r\n]{4,})"|'([^'\r\n]{4,})'` +
			"|([^\\s'\"&*!|>\\[{%@`#][^\\s]{2,}[^\\s,;]))[ \\t]*(?:#.*)?\\r?$",
		keywords: assignKeywords,
		tags:     []string{"ci", "yaml"},
		weakOK:   true,
		allow:    []*config.Allowlist{yamlPasswordPlaceholders(), sourceCodeAllow()},
		check:    notExpression(assignCheckWith(false, true, true)),
		tps: []string{
			"    env:\n      DOCKERHUB_PASSWORD: Vq8#rT2mLx9!pQ\n",
			"variables:\n  DEPLOY_TOKEN: \"t0kN-8fJ2kq9Zr7Wm3Xb\"\n",
			"      with:\n        api_key: 9f8e7d6c5b4a3f2e1d0c\n",
			"postgresql:\n  auth:\n    postgresPassword: 'Hq4v!Lr82mZt'\n",
			"spring:\n  datasource:\n    password: Kd93!vXq2Lmz   # prod\n",
			"users:\n- name: ci\n  user:\n    token: eyJhbGciOiJSUzI1NiIsImtpZCI6Ikp3In0.eyJzdWIiOiJjaSJ9.c2lnbmF0dXJl\n",
			"kind: Secret\ndata:\n  password: SHE0diFMcjgybVp0\n",
			// Weak passwords under password-named keys.
			"production:\n  adapter: mysql2\n  username: shop\n  password: shop2019\n",
			"environment:\n  MYSQL_ROOT_PASSWORD: hunter22\n",
			"spring:\n  datasource:\n    password: 'pass123'\n",
			"  db_pass: \"s3cr3t!\"\n",
			// A bare word under an environment variable's name (compose, Kubernetes env).
			"    environment:\n      MYSQL_PASSWORD: whalehello\n",
			// A service's shipped password under an environment variable's
			// name is what the compose service or CI job runs with, even
			// where the name holds it; short ones too, as in a .env.
			"services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: postgres\n",
			"    environment:\n      MYSQL_ROOT_PASSWORD: root\n",
			"    env:\n      MYSQL_PASSWORD: 'shop'\n",
			// A service's shipped password in an app's datasource config.
			"spring:\n  datasource:\n    username: root\n    password: root\n",
			"spring:\n  datasource:\n    password: 1234\n",
			// "secret" alone: a stack's default password (an Ansible task).
			"- name: Create the database user\n  mysql_user:\n    name: app\n    password: secret\n",
			// A lower-case word under a password key: labels are capitalised.
			"spring:\n  datasource:\n    password: plumtree\n",
			// Generated letters are no word, whatever their case.
			"spring:\n  datasource:\n    password: KqTzWxhRmPLdVbnEQ\n",
			// The @ of a chosen password: P@ssword is not the word password.
			"    environment:\n      SA_PASSWORD: P@ssword\n",
			// A generated token's punctuation is no call or index expression.
			"    environment:\n      API_TOKEN: Zq&Wr7-5K8x?9L&c4>w]w[}t]+[G^j3XdRm!;N4^Zm(KF![Y\n",
		},
		fps: []string{
			"    env:\n      DOCKERHUB_PASSWORD: ${{ secrets.DOCKERHUB_PASSWORD }}\n",
			"      with:\n        token: ${{ github.token }}\n",
			"  DB_PASSWORD: $DB_PASSWORD\n",
			"  password: \"{{ .Values.postgresql.password }}\"\n",
			"  password: <your-password>\n",
			"  password: changeme\n",
			"  api_key: xxxxxxxxxxxxxxxx\n",
			"  password_file: /run/secrets/db_password\n",
			"  token_url: https://auth.example.com/oauth/token\n",
			"  secretName: db-credentials\n",
			"  password: !Ref DbPassword\n",
			"\t\tCredentials:                cfg.Credentials,\n",
			"\t\tnextToken: params.Marker,\n",
			"\t\t\texpectedSecretKey: secretKey32,\n",
			"\t\t\tCredentials: socks5.StaticCredentials{\n",
			"  client_secret: '********'\n",
			// A bare word naming the variable's own setting is a label.
			"  LABEL_PASSWORD: password\n",
			"  password: kiwi\n",
			"  password: 0000\n",
			"  token: ghp_0123456789abcdefghijABCDEFGHIJ012345 # secretsweep:allow\n",
			"  password: Passwort\n",
			"  password: wachtwoord\n",
			"  password: hidden\n",
			"  LABEL_PASSWORD: Password\n",
			"  password: <%= ENV['DB_PASSWORD'] %>\n",
			"  password: \"{{ vault_db_password }}\"\n",
			"  password: user.password\n",
			"  password: \"Enter your password\"\n",
			"  api_key: abc123\n",
		},
	})
}
