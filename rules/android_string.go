package rules

import (
	"strings"

	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/regexp"
)

// androidString finds a secret in an Android string resource,
// <string name="twitter_consumer_secret">…</string>, where apps keep the
// keys they call services with, and in an Apple property list's
// <key>API_SECRET</key><string>…</string> (Info.plist, a keys.plist).
// The resource's or key's name is the key, judged as an assignment's
// (assign_check.go). Google's Maps and Firebase client keys there are
// gitleaks' gcp-api-key's, not this rule's.
func androidString() Rule {
	return build(spec{
		id:          "mobile-resource-secret",
		description: "Secret in an Android string resource or an Apple property list entry",
		regex: `(?i)(?:<string[ \t]+name[ \t]*=[ \t]*"` + assignKey + `"(?:[ \t]+[\w:]+[ \t]*=[ \t]*"[^"]*")*[ \t]*>` +
			`|<key>[ \t]*` + assignKey + `[ \t]*</key>\s*<string>)` +
			`([^<\r\n]{4,})</string>`,
		keywords: assignKeywords,
		tags:     []string{"config", "password", "resource"}, // resource: a string resource file is no UI text under a secret name (scorer)
		path:     `(?i)(?:[\\/]res[\\/]values[\w-]*[\\/][\w.-]+\.xml|\.plist)$`,
		weakOK:   true,
		allow:    []*config.Allowlist{passwordPlaceholders()},
		check:    resourceCheck,
		tps: []string{
			"<resources>\n  <string name=\"twitter_consumer_secret\">Zq8vL2mXr7kTn4Wb3c9dZork</string>\n</resources>\n",
			"<resources>\n  <string name=\"db_password\" translatable=\"false\">zork4711</string>\n</resources>\n",
			"<dict>\n  <key>API_SECRET</key>\n  <string>Zq8vL2mXr7kTn4Wb3c9dZork</string>\n</dict>\n",
		},
		fps: []string{
			"<resources>\n  <string name=\"password\">Password</string>\n</resources>\n",
			"<resources>\n  <string name=\"prompt_password\">Enter your password</string>\n</resources>\n",
			"<resources>\n  <string name=\"error_invalid_password\">This password is too short</string>\n</resources>\n",
			"<dict>\n  <key>NSFaceIDUsageDescription</key>\n  <string>Unlock your passwords</string>\n</dict>\n",
			"<resources>\n  <string name=\"api_key\">@string/other_key</string>\n</resources>\n",
			"<resources>\n  <string name=\"google_api_key\">AIzaSyZorkZorkZorkZorkZorkZorkZorkZork1</string>\n</resources>\n",
		},
	})
}

// resourceCheck judges the value as an assignment's to the resource's or
// key's name; a reference to another resource (@string/…) is no value.
func resourceCheck(match, secret string) bool {
	m := resourceName.FindStringSubmatch(match)
	if m == nil || secret[0] == '@' || secret[0] == '$' || strings.HasPrefix(secret, "AIza") {
		return false // a reference, or a Google client key (gcp-api-key's)
	}
	name := m[1]
	if name == "" {
		name = m[2]
	}
	return judgeUnder(name, secret)
}

// resourceName matches the name a string resource or a plist key gives.
var resourceName = regexp.MustCompile(`name[ \t]*=[ \t]*"([^"]+)"|<key>[ \t]*([^<\s]+)`)
