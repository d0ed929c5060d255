package rules

import (
	"strings"

	"github.com/zricethezav/gitleaks/v8/config"
)

// cfnDefault finds the Default of a secret-named CloudFormation (or SAM)
// parameter: DBPassword:\n  Type: String\n  NoEcho: true\n  Default: …
// deploys a stack with that password wherever no value is passed. The
// parameter's name is the key, judged as an assignment's; the Default
// must sit inside the parameter's block (indented deeper than its name).
func cfnDefault() Rule {
	return build(spec{
		id:          "cloudformation-default-secret",
		description: "Default value of a secret-named CloudFormation parameter",
		regex: `(?m)^[ \t]*` + `(?i:` + assignKey + `)` + `:[ \t]*\r?\n(?:[ \t]+[A-Za-z]+:[^\r\n]*\r?\n){0,8}?[ \t]+Default:[ \t]*` +
			`(?:"([^"\r\n]{4,})"|'([^'\r\n]{4,})'|([^\s'"#&*!|>{\[][^\r\n#]{2,}[^\s]))[ \t]*\r?$`,
		keywords: assignKeywords,
		tags:     []string{"config", "password"},
		path:     `(?i)\.(?:ya?ml|template)$`,
		weakOK:   true,
		allow:    []*config.Allowlist{yamlPasswordPlaceholders()},
		check:    notExpression(cfnCheck),
		tps: []string{
			"Parameters:\n  DBPassword:\n    Type: String\n    NoEcho: true\n    Default: Zork4711abc\n",
			"Parameters:\n  MasterUserPassword:\n    Description: admin\n    Type: String\n    Default: \"zork4711\"\n",
		},
		fps: []string{
			"Parameters:\n  DBPassword:\n    Type: String\n    NoEcho: true\n  DBName:\n    Type: String\n    Default: ordersdb\n",
			"Parameters:\n  DBPassword:\n    Type: String\n    Default: changeme\n",
			"Parameters:\n  TokenTTL:\n    Type: Number\n    Default: 3600\n",
			"Parameters:\n  DBPassword:\n    Type: AWS::SSM::Parameter::Value<String>\n    Default: /prod/db/password\n",
		},
	})
}

// cfnCheck keeps a Default inside the parameter's block and judges it as
// an assignment's to the parameter's name.
func cfnCheck(match, secret string) bool {
	lines := strings.Split(strings.ReplaceAll(match, "\r", ""), "\n")
	indent := func(s string) int { return len(s) - len(strings.TrimLeft(s, " \t")) }
	name := strings.TrimSpace(lines[0])
	for _, l := range lines[1:] {
		if indent(l) <= indent(lines[0]) {
			return false
		}
	}
	if strings.HasPrefix(secret, "/") {
		return false // an SSM parameter's path
	}
	return judgeUnder(strings.TrimSuffix(name, ":"), secret)
}
