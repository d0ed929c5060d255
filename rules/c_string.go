package rules

import (
	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/regexp"
)

// cString finds secrets in C, C++, Arduino and Objective-C source that the
// assignment rules do not read: a macro (#define WIFI_PASSWORD "…",
// #define API_SECRET @"…"), a character array (char ssid_pass[] = "…")
// and an Objective-C string literal (NSString *const kAPIKey = @"…").
// Firmware sketches carry the Wi-Fi and MQTT passwords of the device this
// way. The macro's or variable's name is the key, judged as an
// assignment's (assign_check.go).
func cString() Rule {
	return build(spec{
		id:          "c-string-secret",
		description: "Secret in a C/C++/Arduino macro, character array or Objective-C string literal",
		regex: `(?im)(?:^[ \t]*#[ \t]*define[ \t]+` + assignKey + `[ \t]+\(?@?` +
			`|\b` + assignKey + `[ \t]*\[[ \t]*\d*[ \t]*\][ \t]*=[ \t]*` +
			`|\b` + assignKey + `[ \t]*=[ \t]*@)` +
			`"([^"\r\n]{4,})"`,
		keywords: assignKeywords,
		tags:     []string{"code", "password"},
		path:     `(?i)\.(?:c|h|cc|cpp|cxx|hh|hpp|hxx|ino|pde|m|mm)$`,
		weakOK:   true,
		allow:    []*config.Allowlist{passwordPlaceholders()},
		check:    nameCheck(cName),
		tps: []string{
			"#include <WiFi.h>\n#define WIFI_PASSWORD \"zork4711\"\n",
			"#define API_KEY \"Zq8vL2mXr7kTn4Wb3c9dZork\"\n",
			"#define API_SECRET @\"Zq8vL2mXr7kTn4Wb3c9dZork\"\n",
			"char ssid_pass[] = \"zork4711\";\n",
			"NSString *const kAPIKey = @\"Zq8vL2mXr7kTn4Wb3c9dZork\";\n",
		},
		fps: []string{
			"#define PASSWORD_LENGTH \"8\"\n",
			"#define WIFI_PASSWORD \"your-password\"\n",
			"#define TOKEN_HEADER \"Authorization\"\n",
			"char password[] = \"\";\n",
			"#define PASSWORD_PROMPT \"Enter password: \"\n",
		},
	})
}

// cName matches the name a match defines or declares: the word before the
// value, an array's brackets or an Objective-C @.
var cName = regexp.MustCompile(`(\w+)[ \t]*(?:\[[ \t]*\d*[ \t]*\])?[ \t]*=?[ \t]*\(?@?"`)
