package rules

import (
	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/regexp"
)

// nameValue finds secrets in JSON name/value pairs, the shape Postman
// collections and environments ({"key": "password", "value": "…"}), HAR
// files (postData params, headers) and many API fixtures use: the name is
// a secret-named key, the value beside it (on the same or the next line).
func nameValue() Rule {
	return build(spec{
		id:          "generic-secret-name-value",
		description: "Secret in a JSON name/value pair (Postman collection or environment, HAR file)",
		regex:       `(?i)"(?:key|name)"[ \t]*:[ \t]*"` + assignKey + `"[ \t]*,[ \t]*\r?\n?[ \t]*"value"[ \t]*:[ \t]*"([^"\r\n]{6,})"`,
		keywords:    assignKeywords,
		tags:        []string{"http"},
		weakOK:      true,
		allow:       []*config.Allowlist{passwordPlaceholders()},
		check:       nameValueCheck,
		tps: []string{
			"\"basic\": [{\"key\": \"password\", \"value\": \"pass1234\", \"type\": \"string\"}]\n",
			"        {\n          \"key\": \"api_token\",\n          \"value\": \"Rk8vL2mQx7Tz9Wb3Nc5Hs1Dg\",\n          \"enabled\": true\n        }\n",
			"\"params\": [{\"name\": \"password\", \"value\": \"hunter22\"}]\n",
		},
		fps: []string{
			"{\"key\": \"password\", \"value\": \"{{password}}\", \"type\": \"string\"}\n",
			"{\"key\": \"api_token\", \"value\": \"\", \"enabled\": true}\n",
			"{\"name\": \"password\", \"value\": \"password\"}\n",
			"{\"key\": \"token\", \"value\": \"abc12345\"}\n",
			"{\"name\": \"password\", \"value\": \"Password\"}\n",
		},
	})
}

// nameValueKey captures the name of a name/value pair.
var nameValueKey = regexp.MustCompile(`(?i)"(?:key|name)"[ \t]*:[ \t]*"([^"]+)"`)

// nameValueCheck judges the value by the pair's name, as assignCheck does.
func nameValueCheck(match, secret string) bool {
	m := nameValueKey.FindStringSubmatch(match)
	if m == nil {
		return false
	}
	return assignCheck(false)(m[1]+`="`+secret, secret)
}
