package rules

// ciVariableValue finds secrets in name/value pairs split over two lines:
// Azure Pipelines variables (- name: X / value: …), .gitlab-ci.yml
// variables with a description (X: / value: …) and Kubernetes container
// env entries (- name: X / value: …).
func ciVariableValue() Rule {
	return build(spec{
		id:          "ci-variable-value-secret",
		description: "Literal secret in a name/value variable of Azure Pipelines, GitLab CI or a Kubernetes container env",
		regex: `(?im)^[ \t]*(?:-[ \t]+name:[ \t]*["']?` + secretKey + `["']?|` + secretKey + `:)[ \t]*\r?\n` +
			`[ \t]+value:[ \t]*(?:` + quotedValue + "|([^\\s'\"&*!|>\\[{%@`#$][^\\s]{7,}))[ \\t]*\\r?$",
		entropy:  3,
		keywords: secretKeywords,
		tags:     []string{"ci", "yaml"},
		tps: []string{
			"variables:\n- name: sqlAdminPassword\n  value: 'Wz8!qLm2vX7r'\n",
			"variables:\n  DEPLOY_TOKEN:\n    value: \"glrt-Xq8vL2mZ7kR9pT3wB5nC\"\n    description: deploy\n",
			"        env:\n        - name: DB_PASSWORD\n          value: Kq7!vL2mXz9r\n",
		},
		fps: []string{
			"variables:\n- name: sqlAdminPassword\n  value: $(sqlAdminPassword)\n",
			"        env:\n        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef:\n              name: db\n",
			"  DEPLOY_TOKEN:\n    value: \"\"\n",
			"- name: API_TOKEN\n  value: \"{{ .Values.apiToken }}\"\n",
		},
	})
}
