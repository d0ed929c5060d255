package confidence

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/secretsweep/secretsweep/internal/pwshape"
)

// Noise: values that are not credentials whatever the key that holds them.
// Each signal generalises a shape the real-code corpus showed
// (bench/accuracy/realcode); a finding with one scores low.

// noiseOf names the first noise signal f's value, key and path show, or "".
func noiseOf(key, value, file string) string {
	switch {
	case isProse(value):
		return "prose"
	case isUIKey(key) || isI18nPath(file):
		return "ui-string"
	case isExpression(value):
		return "expression"
	case isIdentifier(value):
		return "identifier"
	case echoesKey(key, value):
		return "key-name"
	case isPublicName(key):
		return "public"
	}
	return ""
}

// keyOf is the key part of a match: the text before the secret, or the
// whole match when the secret is not in it.
func keyOf(match, secret string) string {
	if secret != "" {
		if i := strings.Index(match, secret); i >= 0 {
			return match[:i]
		}
	}
	return match
}

// isProse reports sentences and UI text: letters outside ASCII (no
// password of a corpus of real code had one, every translated UI string
// did), or two or more words with sentence punctuation ("Please provide a
// password.", "Database password: <em>"), or a capitalised word ending
// a sentence ("Updated."). Two plain words ("keyboard cat") are not prose.
func isProse(v string) bool {
	v = strings.TrimSpace(v)
	letters, nonASCII := 0, false
	for _, r := range v {
		if unicode.IsLetter(r) {
			letters++
			nonASCII = nonASCII || r > unicode.MaxASCII
		}
	}
	if letters == 0 {
		return false
	}
	if nonASCII {
		return true
	}
	if sentence.MatchString(v) {
		return true
	}
	return len(strings.Fields(v)) >= 2 && (strings.ContainsAny(v[len(v)-1:], ".!?:") || strings.Contains(v, ", ") || strings.Contains(v, ": "))
}

// sentence is one capitalised word of letters ending with a full stop,
// exclamation or question mark.
var sentence = regexp.MustCompile(`^[A-Z][a-z]+[.!?]$`)

// uiKey matches key names of UI text: labels, titles, messages, hints,
// placeholders, error strings (LABEL_CURRENT_PASSWORD, MANDATORY_PASSWORD,
// invalid_token_msg).
var uiKey = regexp.MustCompile(`(?i)(?:^|[^a-z])(?:label|lbl|title|message|msg|hint|placeholder|prompt|tooltip|caption|heading|button|btn|mandatory|invalid|forgot|error|description|help|warning|notice)(?:[^a-z]|s?$)`)

// isUIKey reports keys that name a piece of UI text (camel case is split:
// passwordHint).
func isUIKey(key string) bool {
	return uiKey.MatchString(camelCase.ReplaceAllString(lastKey(key), "${1}_$2"))
}

var camelCase = regexp.MustCompile(`([a-z0-9])([A-Z])`)

// lastKey is the name in a key part: the last run of identifier
// characters, dots and dashes before the assignment.
func lastKey(key string) string {
	k := strings.TrimRight(key, " \t\"':=>,({[")
	i := strings.LastIndexFunc(k, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-' || r == '.')
	})
	return k[i+1:]
}

// i18nDirs are directories of translations.
var i18nDirs = map[string]bool{
	"i18n": true, "l10n": true, "locale": true, "locales": true, "lang": true, "langs": true, "language": true, "languages": true, "translations": true,
}

// i18nFile matches translation files: messages_es.properties,
// strings.xml, de.po, and files named for a language and region
// (en_US.json, users.fi_FI.ini, en-GB.com_users.ini in Joomla).
var i18nFile = regexp.MustCompile(`(?i)^messages(?:_[a-z]{2}(?:_[a-z]{2})?)?\.properties$|^strings\.xml$|\.(?:po|pot|xliff|xlf|resx)$|(?-i:(?:^|[._-])[a-z]{2}[_-][A-Z]{2}[._-])`)

// isI18nPath reports translation files, whose values are UI text.
func isI18nPath(p string) bool {
	parts := strings.Split(strings.ReplaceAll(p, `\`, "/"), "/")
	for _, d := range parts[:len(parts)-1] {
		if i18nDirs[strings.ToLower(d)] {
			return true
		}
	}
	return i18nFile.MatchString(parts[len(parts)-1])
}

// expression matches values that are code rather than data: a call of a
// name of letters (security.authorize({, getenv("X")), a concatenation with a quote (" +
// name + ", " . $pass . "), a member of this or self, a list of
// key=value references (id=mysecret,env=SECRET_VALUE), an index
// (@config[...]), an injection payload that closes a string and starts a
// statement or a condition ('; system(...); //, ' OR 1=1 --).
var expression = regexp.MustCompile(`^["']\)*\s*;|^["']\s*(?i:or|and|union)\s|^[A-Za-z_$][A-Za-z_$]*(?:\.[A-Za-z_$]+)*\((?:[{\w"'$@]|\)|$)|["']\s*[+.]\s|\s[+.]\s*["']|^(?:this|self)\.\w|^@\w+\[|^\w+=[^,\s]*,\w+=|^(?:env|process\.env|os\.environ|ENV)[.\[]`)

// isExpression reports values that are expressions, calls or references.
func isExpression(v string) bool { return expression.MatchString(strings.TrimSpace(v)) }

// identifier matches names made only of letters joined by separators or
// case changes: forgot_password, password_resets#forgot_password,
// ActiveJob::Serializers::SymbolSerializer, currentPassword. A separator
// joined name must have two or more parts of letters only (Admin_123 and
// staging_password123 are passwords); a camel-case one is lower case first;
// an upper-case label may end with a number (STAGING-TOKEN-42).
var identifier = regexp.MustCompile(`^[A-Za-z]{2,}(?:(?:_|::|#|\.)[A-Za-z]{2,})+$|^[a-z]{2,}(?:[A-Z][a-z]+)+$|^[A-Z]{2,}(?:[-_][A-Z]{2,})+(?:[-_][0-9]+)?$`)

// label matches upper-case labels ending with a filler part
// (LOGIN-TOKEN-A1B2C3, SESSION_ABCDEF): the last part is checked by
// repetitive.
var label = regexp.MustCompile(`^[A-Z]{2,}(?:[-_][A-Z]{2,})*[-_]([A-Za-z0-9]{3,})$`)

// isIdentifier reports values that only name a thing, or an upper-case
// label with a filler end.
func isIdentifier(v string) bool {
	if identifier.MatchString(v) {
		return true
	}
	m := label.FindStringSubmatch(v)
	return m != nil && repetitive(m[1])
}

// echoesKey reports a value that repeats its key's name (password =
// password, "apiKey": "api_key").
func echoesKey(key, v string) bool {
	k, val := alnum(lastKey(key)), alnum(v)
	if val == "" || k == "" {
		return false
	}
	return k == val || (len(val) >= 4 && strings.HasSuffix(k, val) && alnum(v) == strings.ToLower(v))
}

// jwtKeyOf returns the key of a match whose key (the text before the last
// occurrence of the secret: jwt_secret: 'secret' holds the word in its
// key) names a JWT signing secret (pwshape.JWTKeyName), and whether it
// does. Under such a key a word is the key: no filler, no echo of the key.
func jwtKeyOf(match, secret string) (string, bool) {
	i := strings.LastIndex(match, secret)
	if secret == "" || i < 0 {
		return "", false
	}
	k := lastKey(match[:i])
	return k, pwshape.JWTKeyName(k)
}

// alnum lower-cases s and drops everything but letters and digits.
func alnum(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

// publicName matches keys of public values: .NET's PublicKeyToken (the
// hash of an assembly's public key), public keys.
var publicName = regexp.MustCompile(`(?i)public[_.-]?key|pub[_.-]?key`)

// isPublicName reports keys that name a public value.
func isPublicName(key string) bool { return publicName.MatchString(lastKey(key)) }
