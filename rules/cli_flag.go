package rules

import (
	"strings"

	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/regexp"
)

// cliFlag finds secrets passed as long command-line options (--password,
// --token, --api-key, --client-secret …) to tools such as helm, oc, az,
// kubectl, twine or wget. docker login and mysql have their own rules.
// After a password option (--password, --db-password) a weak value of four
// or more characters is reported too, as it logs in to something; after a
// token or key option the value must look generated.
func cliFlag() Rule {
	return build(spec{
		id:          "cli-secret-flag",
		description: "Secret passed as a command-line option",
		regex: `(?i)[ \t]--[\w-]*?(?:password|passwd|pass|token|api-?key|secret)(?:[ \t]+|=)(?:` +
			`"([^"\r\n]{4,})"|'([^'\r\n]{4,})'|([^\s'"\\-][^\s'"\\]{3,}))`,
		keywords: []string{"pass", "token", "secret", "-key", "apikey"},
		tags:     []string{"ci", "cli"},
		weakOK:   true,
		check:    cliFlagCheck,
		allow: []*config.Allowlist{
			cliPasswordPlaceholders(), // "secret" or "admin" after --password is what the command logs in with
			lineAllow("covered by the docker login and mysql rules",
				`(?i)\b(?:docker|podman|buildah)[ \t]+login\b`, `(?i)\bmysql\w*\b`),
		},
		tps: []string{
			"      - run: helm repo add charts https://charts.internal.io --username ci --password Wq9!vL2mXz7k\n",
			"oc login https://api.ocp.internal:6443 --token=sha256~Xk8vL2mQz7Rr9Tw3Bn5Cy1Hd4Fg6Ja0Ue2Io\n",
			"    - twine upload --username __token__ --password \"pypi-AgENdGVzdC5weXBpLm9yZwIkZjVhNmI3\" dist/*\n",
			// Weak passwords: what the documented command logs in with.
			"php artisan install --db-name=shop --db-username=shop --db-password=\"secret\" \\\n",
			"./bin/setup --admin-user admin --admin-password Sommer19\n",
			"./bin/setup --db-password shopapp_secure_password_2024\n",
			"kcadm.sh config credentials --server http://localhost:8080 --realm master --user admin --password admin\n",
		},
		fps: []string{
			"      - run: helm repo add charts https://charts.internal.io --username ci --password \"$HELM_PASSWORD\"\n",
			"docker login --password-stdin --username ci registry.io\n",
			"kubectl --token-file /var/run/secrets/token get pods\n",
			"az login --service-principal -u $APP_ID --password ${{ secrets.AZ_SECRET }}\n",
			"./bin/setup --admin-password password\n",
			"./bin/setup --db-password=<db-password>\n",
			"./bin/setup --password prompt --user admin\n",
			"./bin/setup --api-key=abc12345\n",
			"./bin/setup --token trial\n",
			"php artisan app:create-admin --email you@example.invalid --password \"a-strong-password\"\n",
		},
	})
}

// cliFlagPassword matches the text before the value of a password option.
var cliFlagPassword = regexp.MustCompile(`(?i)--[\w-]*?(?:password|passwd|pass)(?:[ \t]+|=)["']?$`)

// cliFlagCheck keeps a weak value after a password option unless it is a
// prompt word, and after any other option a value that looks generated.
func cliFlagCheck(match, secret string) bool {
	i := strings.LastIndex(match, secret)
	if i < 0 {
		return false
	}
	if head := match[:i]; cliFlagPassword.MatchString(head) {
		return len(secret) >= minEnvPasswordLen && !cliPrompt.MatchString(secret)
	}
	return len(secret) >= 8 && entropy(secret) > 3 && !weakValue.MatchString(secret)
}

// cliPrompt matches values that ask for the password instead of giving it.
var cliPrompt = regexp.MustCompile(`(?i)^(?:prompt|ask|stdin|interactive|file|env)$`)
