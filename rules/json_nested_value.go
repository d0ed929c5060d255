package rules

import (
	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/regexp"
)

// jsonNestedValue finds a literal held one level below a secret-named
// JSON key, in the member that gives its value: an Azure Resource Manager
// template's "adminPassword": {"type": "securestring", "defaultValue":
// "…"}, a parameters file's "sqlPassword": {"value": "…"}, and a Heroku
// app.json env entry's "value". The parent's name is the key, judged as
// an assignment's (assign_check.go).
func jsonNestedValue() Rule {
	return build(spec{
		id:          "json-nested-secret-value",
		description: "Literal value or default under a secret-named JSON key (ARM templates and parameters, Heroku app.json)",
		regex: `(?i)"` + assignKey + `"[ \t]*:[ \t]*\{(?:[^{}"]|"(?:[^"\\\r\n]|\\.)*")*?"(?:value|defaultValue|default)"[ \t]*:[ \t]*` +
			`"([^"\r\n]{4,})"`,
		keywords: assignKeywords,
		tags:     []string{"config", "password"},
		path:     `(?i)\.json$`,
		weakOK:   true,
		allow:    []*config.Allowlist{passwordPlaceholders()},
		check:    notExpression(nestedCheck),
		tps: []string{
			"{\"parameters\": {\n  \"adminPassword\": {\n    \"type\": \"securestring\",\n    \"defaultValue\": \"Zork!4711abc\"\n  }\n}}\n",
			"{\"sqlPassword\": {\n  \"value\": \"zork4711\"\n}}\n",
			"{\"env\": {\"JOBCAN_PASSWORD\": {\"description\": \"login\", \"value\": \"1038.Zork\"}}}\n",
		},
		fps: []string{
			"{\"adminPassword\": {\"type\": \"securestring\"}, \"location\": {\"defaultValue\": \"westeurope\"}}\n",
			"{\"adminPassword\": {\"reference\": {\"keyVault\": {\"id\": \"x\"}, \"secretName\": \"pw\"}}}\n",
			"{\"SECRET_TOKEN\": {\"description\": \"A secret key\", \"generator\": \"secret\"}}\n",
			"{\"adminPassword\": {\"value\": \"[parameters('pw')]\"}}\n",
			"{\"password\": {\"type\": \"string\", \"default\": \"changeme\"}}\n",
		},
	})
}

// nestedCheck judges the literal as an assignment's to the parent key.
func nestedCheck(match, secret string) bool {
	m := nestedParent.FindStringSubmatch(match)
	if m == nil || armExpression.MatchString(secret) {
		return false
	}
	return judgeUnder(m[1], secret)
}

// nestedParent matches the parent key a match opens with.
var nestedParent = regexp.MustCompile(`^"([^"]+)"`)

// armExpression matches an ARM template expression ([parameters('x')]).
var armExpression = regexp.MustCompile(`^\[.*\]$`)
