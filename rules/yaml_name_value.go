package rules

import (
	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/regexp"
)

// yamlNameValue finds literal secrets in YAML name/value pairs, the shape
// of Kubernetes container env (- name: DB_PASSWORD, then value: on the
// next line), Helm charts' extraEnv and Argo or Tekton params. The name is
// an environment variable's, so a bare word under a password name is a
// password (GF_SECURITY_ADMIN_PASSWORD with value admin123), as in compose
// environment maps. valueFrom (a secretKeyRef) is not a value.
func yamlNameValue() Rule {
	return build(spec{
		id:          "generic-secret-yaml-name-value",
		description: "Literal secret in a YAML name/value pair (Kubernetes container env, Helm extraEnv)",
		regex: `(?im)^[ \t]*-[ \t]+name:[ \t]*["']?` + assignKey + `["']?[ \t]*\r?\n[ \t]*value:[ \t]*` +
			`(?:"([^"\r\n]{4,})"|'([^'\r\n]{4,})'|([^\s'"#&*!|>{\[%@` + "`" + `][^\r\n#]{3,}?))[ \t]*(?:#[^\r\n]*)?\r?$`,
		keywords: assignKeywords,
		tags:     []string{"yaml", "k8s"},
		weakOK:   true,
		allow:    []*config.Allowlist{yamlPasswordPlaceholders(), sourceCodeAllow()},
		check:    notExpression(yamlNameValueCheck),
		tps: []string{
			"      env:\n        - name: GF_SECURITY_ADMIN_PASSWORD\n          value: zorg4711\n",
			"        - name: DB_PASSWORD\n          value: \"Zorg!4711\"\n",
			"  - name: \"API_TOKEN\"\n    value: 'Rk8vL2mQx7Tz9Wb3Nc5Hs1Dg'\n",
			"        - name: REDIS_PASSWORD\n          value: plumtree\n",
		},
		fps: []string{
			"        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef:\n              name: db\n              key: password\n",
			"        - name: DB_PASSWORD\n          value: \"{{ .Values.db.password }}\"\n",
			"        - name: DB_PASSWORD\n          value: $(DB_PASSWORD)\n",
			"        - name: DB_PASSWORD\n          value: changeme\n",
			"        - name: DB_PASSWORD_FILE\n          value: /run/secrets/db_password\n",
			"        - name: API_TOKEN\n          value: abc12345\n",
			"        - name: DB_PASSWORD\n          value: \"\"\n",
			"        - name: LABEL_PASSWORD\n          value: password\n",
		},
	})
}

// yamlNameValueKey captures the name of a YAML name/value pair.
var yamlNameValueKey = regexp.MustCompile(`(?i)name:[ \t]*["']?([\w.-]+)`)

// yamlNameValueCheck judges the value by the pair's name, as the YAML
// rule judges a value under an environment variable's name.
func yamlNameValueCheck(match, secret string) bool {
	m := yamlNameValueKey.FindStringSubmatch(match)
	if m == nil {
		return false
	}
	return assignCheckWith(false, true, true)(m[1]+`: `+secret, secret)
}
