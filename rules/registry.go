// Package rules holds secretsweep's own detection rules, one per file, each
// a gitleaks rule with true- and false-positive samples beside it.
package rules

import "github.com/zricethezav/gitleaks/v8/config"

// Rule is one secretsweep rule: a compiled gitleaks rule plus the samples
// that prove it.
type Rule interface {
	// Rule returns the compiled gitleaks rule.
	Rule() *config.Rule
	// TruePositives are strings the rule must report.
	TruePositives() []string
	// FalsePositives are strings the rule must not report.
	FalsePositives() []string
}

// Registry is the explicit list of secretsweep's rules. They share one
// set of placeholder allowlists: each set holds a stop-word trie of about
// 0.4 MB, which 26 private copies made 10 MB of a scan's resident heap.
//
// Rules that report weak values (weak-password rules, connection strings)
// do not get the shared filter of weak and word-like values.
func Registry() []Rule {
	shared := placeholderAllowlists()
	weak, prose := weakValueAllowlist(), proseAllowlist()
	rs := registry()
	for _, r := range rs {
		if b, ok := r.(builtRule); ok {
			own := append([]*config.Allowlist{}, b.rule.Allowlists...)
			if !b.weakOK {
				own = append(own, weak)
			}
			if !b.proseOK {
				own = append(own, prose)
			}
			b.rule.Allowlists = append(own, shared...)
		}
	}
	return rs
}

// Checks returns, by rule ID, the checks that rules run on their findings
// after the allowlists (a finding is kept when its check returns true).
// The engine applies them; a detector built from the bare gitleaks rules
// does not.
func Checks() map[string]func(match, secret string) bool {
	out := map[string]func(match, secret string) bool{}
	for _, r := range registry() {
		if b, ok := r.(builtRule); ok && b.check != nil {
			out[b.rule.RuleID] = b.check
		}
	}
	return out
}

func registry() []Rule {
	return []Rule{
		// Assignments in pipeline definitions and config files.
		yamlValue(),
		envAssignment(),
		envFile(),
		livePassword(),
		configPassword(),
		codeConfigPassword(),
		ldifPassword(),
		expectPassword(),
		iniAssignment(),
		codeAssignment(),
		codeObject(),
		codeCompare(),
		envDefault(),
		signingKeyCall(),
		sessionSecret(),
		saltConstant(),
		passwordPair(),
		dockerfile(),
		ciVariableValue(),
		// Command lines in run:, script: and sh steps.
		dockerLogin(),
		mysqlCLI(),
		mysqlProbe(),
		sqlUserPassword(),
		sqlInsertPassword(),
		sshpass(),
		cliFlag(),
		authorizationHeader(),
		tokenHeaderValue(),
		bearerToken(),
		basicCredential(),
		nameValue(),
		yamlNameValue(),
		curlBasicAuth(),
		basicAuthCode(),
		loginCall(),
		loginPair(),
		markdownField(),
		printedPassword(),
		hashCall(),
		sqlHashCall(),
		dbConnect(),
		dbConnectKwarg(),
		goMySQLDSN(),
		googleAppPassword(),
		jwtConfigKey(),
		jwtFileSecret(),
		jwtModuleSecret(),
		propertyCall(),
		setterCall(),
		reactState(),
		commentedConfig(),
		gradleSigning(),
		jsonNestedValue(),
		cfnDefault(),
		tfVariableDefault(),
		cString(),
		androidString(),
		demoPassword(),
		xmlNameValue(),
		telegramAPIHash(),
		formFill(),
		envPassphrase(),
		chpasswd(),
		toolCLI(),
		wechatSecret(),
		botToken(),
		telegramSession(),
		debconfPassword(),
		powershell(),
		// Credential files and formats.
		urlPassword(),
		connectionString(),
		netrc(),
		npmrc(),
		xmlPassword(),
		xmlUserPassword(),
		xmlPropertyPassword(),
		pgpass(),
		pypirc(),
		phpConnectPassword(),
		vscodeConnection(),
		redisConf(),
		dockerConfig(),
		kubeconfig(),
		putty(),
		htpasswd(),
		userHashArg(),
		phpDefine(),
		django(),
		awsSecret(),
		jwkPrivate(),
		privateKeyString(),
	}
}

// All returns the compiled rules of the registry.
func All() []*config.Rule {
	var out []*config.Rule
	for _, r := range Registry() {
		out = append(out, r.Rule())
	}
	return out
}
