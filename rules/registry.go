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
func Registry() []Rule {
	shared := placeholderAllowlists()
	rs := registry()
	for _, r := range rs {
		if b, ok := r.(builtRule); ok {
			b.rule.Allowlists = append(append([]*config.Allowlist{}, b.rule.Allowlists...), shared...)
		}
	}
	return rs
}

func registry() []Rule {
	return []Rule{
		// Assignments in pipeline definitions and config files.
		yamlValue(),
		envAssignment(),
		iniAssignment(),
		codeAssignment(),
		dockerfile(),
		ciVariableValue(),
		// Command lines in run:, script: and sh steps.
		dockerLogin(),
		mysqlCLI(),
		sshpass(),
		cliFlag(),
		authorizationHeader(),
		curlBasicAuth(),
		basicAuthCode(),
		powershell(),
		// Credential files and formats.
		urlPassword(),
		netrc(),
		npmrc(),
		xmlPassword(),
		pgpass(),
		redisConf(),
		dockerConfig(),
		kubeconfig(),
		putty(),
		htpasswd(),
		phpDefine(),
		django(),
		awsSecret(),
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
