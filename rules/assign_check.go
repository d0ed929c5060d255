package rules

import (
	"math"
	"strings"

	"github.com/zricethezav/gitleaks/v8/regexp"
)

// The generic assignment rules (generic-secret-env, -ini, -yaml, -code)
// judge a value by its key. Under a password-named key any value of six
// or more characters that is not a placeholder is reported, however weak
// (DB_PASSWORD=pass123 in a .env is a leaked credential; the confidence
// scorer judges it by file and path). Under any other secret-named key
// (token, api_key, SECRET_KEY) the value must look generated: eight or
// more characters, Shannon entropy above 3, and not a word-like value.
// Doing this in one check instead of two rules keeps one regular
// expression pass per rule.

// passwordKeyOnly matches a whole key that names a password.
var passwordKeyOnly = regexp.MustCompile(`(?i)^` + passwordKey + `$`)

// wordOnly matches a bare word: in code and YAML a label or a name
// (password: Passwort in a locale file, "hidden"), not a password.
var wordOnly = regexp.MustCompile(`^[A-Za-z_-]+$`)

// envKey matches an environment variable's name (MYSQL_PASSWORD): in
// YAML such a key holds what a process reads from its
// environment (compose files, Kubernetes env), so
// a bare word under it is a password, not a label.
var envKey = regexp.MustCompile(`^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$`)

// assignCheck returns the check of a generic assignment rule; wordsOK
// tells whether a bare word under a password key is reported (.env and
// INI files) or not (code and YAML).
func assignCheck(wordsOK bool) func(match, secret string) bool {
	return assignCheckKeys(wordsOK, false)
}

// assignCheckKeys is assignCheck that, with envKeys, also reports a bare
// word under an environment variable's name that does not hold the word
// (YAML: compose and Kubernetes env; LABEL_PASSWORD: Password is a label).
func assignCheckKeys(wordsOK, envKeys bool) func(match, secret string) bool {
	return func(match, secret string) bool {
		if key := keyOf(match, secret); passwordKeyOnly.MatchString(key) {
			if len(secret) < minPasswordLen && !(wordsOK && len(secret) >= minEnvPasswordLen) {
				return false
			}
			return wordsOK || !wordOnly.MatchString(secret) ||
				(envKeys && envKey.MatchString(key) && !strings.Contains(strings.ToLower(key), strings.ToLower(secret)))
		}
		return len(secret) >= 8 && entropy(secret) > 3 && !weakValue.MatchString(secret)
	}
}

// keyOf returns the key of an assignment match: the last run of name
// characters before the value.
func keyOf(match, secret string) string {
	head := match
	if i := strings.LastIndex(match, secret); i >= 0 {
		head = match[:i]
	}
	head = strings.TrimRight(head, " \t\"'`:=>?|,(")
	i := len(head)
	for i > 0 && isNameByte(head[i-1]) {
		i--
	}
	return head[i:]
}

func isNameByte(c byte) bool {
	return c == '_' || c == '.' || c == '-' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// weakValue matches the values ordinary rules drop as weak or word-like.
var weakValue = regexp.MustCompile("(?:" + strings.Join(weakValueRegexes, ")|(?:") + ")")

// entropy is the Shannon entropy of s in bits per byte.
func entropy(s string) float64 {
	var counts [256]int
	for i := 0; i < len(s); i++ {
		counts[s[i]]++
	}
	h := 0.0
	for _, c := range counts {
		if c > 0 {
			p := float64(c) / float64(len(s))
			h -= p * math.Log2(p)
		}
	}
	return h
}
