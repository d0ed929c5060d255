package rules

import "github.com/zricethezav/gitleaks/v8/config"

// cliFlag finds secrets passed as long command-line options (--password,
// --token, --api-key, --client-secret …) to tools such as helm, oc, az,
// kubectl, twine or wget. docker login and mysql have their own rules.
func cliFlag() Rule {
	return build(spec{
		id:          "cli-secret-flag",
		description: "Secret passed as a command-line option",
		regex: `(?i)[ \t]--[\w-]*?(?:password|passwd|pass|token|api-?key|secret)(?:[ \t]+|=)(?:` +
			`"([^"\r\n]{8,})"|'([^'\r\n]{8,})'|([^\s'"\\-][^\s'"\\]{7,}))`,
		entropy:  3,
		keywords: []string{"pass", "token", "secret", "-key", "apikey"},
		tags:     []string{"ci", "cli"},
		allow: []*config.Allowlist{
			lineAllow("covered by the docker login and mysql rules",
				`(?i)\b(?:docker|podman|buildah)[ \t]+login\b`, `(?i)\bmysql\w*\b`),
		},
		tps: []string{
			"      - run: helm repo add charts https://charts.internal.io --username ci --password Wq9!vL2mXz7k\n",
			"oc login https://api.ocp.internal:6443 --token=sha256~Xk8vL2mQz7Rr9Tw3Bn5Cy1Hd4Fg6Ja0Ue2Io\n",
			"    - twine upload --username __token__ --password \"pypi-AgENdGVzdC5weXBpLm9yZwIkZjVhNmI3\" dist/*\n",
		},
		fps: []string{
			"      - run: helm repo add charts https://charts.internal.io --username ci --password \"$HELM_PASSWORD\"\n",
			"docker login --password-stdin --username ci registry.io\n",
			"kubectl --token-file /var/run/secrets/token get pods\n",
			"az login --service-principal -u $APP_ID --password ${{ secrets.AZ_SECRET }}\n",
		},
	})
}
