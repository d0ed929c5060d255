package parse

import (
	"regexp"
	"strings"
)

// references match values that point at a secret kept elsewhere: shell,
// template and ERB expressions, environment lookups.
var references = regexp.MustCompile(`^\$[A-Za-z_]\w*$|^%[\w.-]+%$|\$\{|\$\(|\{\{|\{%|<%|#\{|(?i:\bENV\[|\benv\(|process\.env|getenv\()`)

// fillers match masks and bracketed placeholders: ***, xxxx, <password>,
// [PASSWORD], {password}; names of variables (DB_PASSWORD, SSH_KEY_PASSWORD_HERE);
// words about a password (password-of-the-vm, db_password, your pass).
var fillers = regexp.MustCompile(`\*{3,}|(?i:x{4,})|^[.•_-]+$|^<[^>]*>$|^\[[\w -]+\]$|^\{[\w.-]*\}$|^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$|` +
	`(?i:^[a-z]+(?:[-_ ][a-z]+)+$)`)

// words matches a value made of words and separators.
var words = regexp.MustCompile(`(?i)^[a-z]+(?:[-_ ][a-z]+)+$`)

// aboutWords mark a value of words (fillers' last case) as a description.
var aboutWords = regexp.MustCompile(`(?i)(?:^|[-_ ])(?:pass[a-z]*|user[a-z]*|secret[a-z]*|key|token|here)(?:[-_ ]|$)`)

// placeholderWords mark a value as a placeholder wherever they occur in it.
var placeholderWords = []string{
	"example", "changeme", "change_me", "change-me", "changeit", "dummy", "placeholder",
	"redacted", "your_", "your-", "your ", "yourpass", "sample", "replace_me", "replaceme",
	"replace-me", "insert_", "insert-", "fixme", "todo", "fake", "notreal", "not-real", "not_real",
}

// nothing are the words that stand for no value.
var nothing = map[string]bool{"null": true, "none": true, "nil": true, "undefined": true}

// Placeholder reports whether a value found in a password field holds no
// credential: empty, a reference to one kept elsewhere, a mask or a
// placeholder. A weak password (admin, 123456) is a credential.
func Placeholder(v string) bool {
	v = strings.TrimSpace(v)
	if v == "" || nothing[strings.ToLower(v)] || references.MatchString(v) {
		return true
	}
	if fillers.MatchString(v) && (!words.MatchString(v) || aboutWords.MatchString(v)) {
		return true
	}
	l := strings.ToLower(v)
	for _, w := range placeholderWords {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}
