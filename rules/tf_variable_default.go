package rules

import (
	"strings"

	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/regexp"
)

// tfVariableDefault finds the default of a secret-named Terraform input
// variable: variable "db_password" { type = string  default = "…" }
// deploys with that password wherever no value is passed (the RDS master
// password, an app's superuser, a signing key handed to containers). The
// variable's name is the key, judged as an assignment's; sensitive = true
// does not hide a default written in the file.
func tfVariableDefault() Rule {
	return build(spec{
		id:          "terraform-variable-default",
		description: "Default value of a secret-named Terraform input variable",
		regex: `(?i)\bvariable[ \t]+"` + assignKey + `"[ \t]*\{[^{}]*?\bdefault[ \t]*=[ \t]*` +
			`"((?:[^"\\\r\n$]|\\.|\$[^{])(?:[^"\\\r\n]|\\.){3,})"`,
		keywords: assignKeywords,
		tags:     []string{"config", "password"},
		path:     `(?i)\.tf$`,
		weakOK:   true,
		allow:    []*config.Allowlist{passwordPlaceholders()},
		check:    tfVariableCheck,
		tps: []string{
			"variable \"db_password\" {\n  type      = string\n  sensitive = true\n  default   = \"Zork1234\"\n}\n",
			"variable \"sentry_secret_key\" {\n    default=\"ZM9_zorkY&3$G#MYD^dhLsO*!@.DmQHsPlAzICSDD\"\n}\n",
			"variable \"admin_password\" { default = \"Zork@123\" }\n",
			"variable \"secret_key\"{\n  default=\"ZM9_zork&3$G#MYD^dhLsO*!@.DmQHs(%SaDQ\"\n}\n",
		},
		fps: []string{
			"variable \"db_password\" {\n  type      = string\n  sensitive = true\n}\nvariable \"region\" {\n  default = \"eu-west-1\"\n}\n",
			"variable \"db_password\" {\n  default = \"\"\n}\n",
			"variable \"db_password\" {\n  default = \"changeme\"\n}\n",
			"variable \"token_ttl\" {\n  default = \"3600s\"\n}\n",
			"variable \"api_key\" {\n  default = \"${var.other}\"\n}\n",
			"variable \"api_key\" {\n  default = \"key-${var.env}-zork\"\n}\n",
		},
	})
}

// tfVariableCheck judges the default as an assignment's to the variable.
// A quoted HCL string is a literal unless it interpolates.
func tfVariableCheck(match, secret string) bool {
	m := tfVariableName.FindStringSubmatch(match)
	if m == nil || strings.Contains(secret, "${") {
		return false
	}
	return judgeUnder(m[1], secret)
}

// tfVariableName matches the name a variable block declares.
var tfVariableName = regexp.MustCompile(`"([^"]+)"`)
