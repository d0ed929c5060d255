package rules

import (
	"math"
	"strings"

	"github.com/zricethezav/gitleaks/v8/regexp"

	"github.com/secretsweep/secretsweep/internal/pwshape"
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

// passwordKeyOnly matches a whole key that names a password, or its
// confirmation (password_confirmation in Rails seeds and forms).
var passwordKeyOnly = regexp.MustCompile(`(?i)^` + passwordKey + confirmSuffix + `$`)

// signingKeyName matches the keys of an application's signing secret
// (Flask and Django SECRET_KEY, Rails secret_key_base, SECRET_KEY_HMAC,
// secretKey, CodeIgniter's $config['encryption_key']): whatever its value, it signs the sessions or tokens, so a
// word there is judged as a password is (SECRET_KEY = 'random').
var signingKeyName = regexp.MustCompile(`(?i)(?:^|[_.-])secret[_.-]?key(?:[_.-]?(?:base|hmac\w{0,8}))?$|^secretKey$|(?:^|[_.'"\[-])encryption[_.-]?key$`)

// jwtKeyValue accepts a literal under a JWT key (pwshape.JWTKeyName): three characters or
// more, not a constant's name (JWT_SECRET), not one repeated character.
func jwtKeyValue(secret string) bool {
	return len(secret) >= 3 && !envKey.MatchString(secret) && strings.Count(secret, secret[:1]) != len(secret)
}

// confirmSuffix is the optional suffix of a key confirming a password.
// Use inside a (?i) expression.
const confirmSuffix = `(?:[_.-]?confirm(?:ation)?)?`

// confirmKey matches a key that confirms a password.
var confirmKey = regexp.MustCompile(`(?i)confirm(?:ation)?$`)

// lowerWord is a lower-case word; camelPhrase three or more capitalised
// words run together (IamUsedForTesting). Neither is how labels are
// written (Password, Enter your password).
var (
	lowerWord   = regexp.MustCompile(`^[a-z]+$`)
	camelPhrase = regexp.MustCompile(`^[A-Z]?[a-z]+(?:[A-Z][a-z]+){2,}$`)
	// nameWords are the words of identifiers and labels run together:
	// ChangePasswordComponent, UserNameField.
	// passwordWord matches "password" in the languages of locale files
	// (passwort, wachtwoord, contrasena, senha, parola ...) and the words
	// of password form fields (hidden, masked).
	passwordWord = regexp.MustCompile(`^(?:pass(?:wor[dt]|ord|wd)|wachtwoord|parool|kennwort|losenord|adgangskode|salasana|jelszo|heslo|haslo|geslo|lozinka|sifre|parola|senha|contrasena|contrasenya|motdepasse|sandi|katasandi|matkhau|mima|hidden|masked|secure|protected|required|password)$`)
	nameWords    = regexp.MustCompile(`(?i)pass|pwd|secret|token|key|auth|login|user|name|field|input|label|form|component|type|view|page|button|error|message|text|value`)
)

// chosenWord reports whether a bare word under a password key in code is
// a password someone chose rather than a label: under a confirmation key
// (labels are not confirmed), a lower-case word under an ALL_CAPS
// constant (DEFAULT_PASSWORD = "webgoat"; a label is capitalised), a
// common password (letmein), or a camel-case phrase that is no identifier.
func chosenWord(key, secret string) bool {
	lower := strings.ToLower(secret)
	if strings.Contains(strings.ToLower(key), lower) {
		return false
	}
	switch {
	case confirmKey.MatchString(key), commonPasswords[lower]:
		return true
	case envKey.MatchString(key) && lowerWord.MatchString(secret):
		return true
	case len(secret) >= minPasswordLen && lowerWord.MatchString(secret) && !passwordWord.MatchString(secret):
		// A lower-case word under a password key (password: plumtree in
		// a config YAML or JSON): labels are capitalised or phrases, and
		// translations of "password" are not passwords.
		return true
	}
	return camelPhrase.MatchString(secret) && !nameWords.MatchString(secret)
}

// commonPasswords are words at the top of every leaked-password list: no
// label or identifier is written so, but many seeded accounts are.
var commonPasswords = map[string]bool{
	"letmein": true, "monkey": true, "dragon": true, "sunshine": true, "iloveyou": true, "princess": true,
	"football": true, "baseball": true, "superman": true, "batman": true, "trustno": true, "starwars": true,
	"whatever": true, "freedom": true, "mustang": true, "shadow": true, "qwerty": true, "qwertz": true,
	"azerty": true, "asdfgh": true, "zxcvbn": true, "qazwsx": true, "hunter": true, "ninja": true,
}

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

// codeCheck is the check of the rules for literals in code: assignCheck
// without words that also reports a word someone chose (chosenWord).
func codeCheck(match, secret string) bool {
	return assignCheckWith(false, false, true)(match, secret)
}

// assignCheckKeys is assignCheck that, with envKeys, also reports a bare
// word under an environment variable's name that does not hold the word
// (YAML: compose and Kubernetes env; LABEL_PASSWORD: Password is a label).
func assignCheckKeys(wordsOK, envKeys bool) func(match, secret string) bool {
	return assignCheckWith(wordsOK, envKeys, false)
}

// assignCheckWith is assignCheckKeys that, with codeWords, also reports
// the bare words chosenWord tells are passwords.
func assignCheckWith(wordsOK, envKeys, codeWords bool) func(match, secret string) bool {
	return func(match, secret string) bool {
		key := keyOf(match, secret)
		if pwshape.JWTKeyName(key) {
			return jwtKeyValue(secret)
		}
		if passwordKeyOnly.MatchString(key) || signingKeyName.MatchString(key) {
			if len(secret) >= 4 && serviceDefault[secret] || pwshape.Digits(secret) {
				return true // password: root in a datasource, 'PASSWORD': 'postgres' in Django settings, password: 1234
			}
			env := envKeys && envKey.MatchString(key) // compose or Kubernetes env: short passwords as in a .env
			if len(secret) < minPasswordLen && !((wordsOK || env) && len(secret) >= minEnvPasswordLen) {
				return false
			}
			return wordsOK || !wordOnly.MatchString(secret) || pwshape.RandomLetters(secret) || pwshape.RandomOneCase(secret) || loneSecret(key, secret) ||
				(secret == "secret" && signingKeyName.MatchString(key)) || // SECRET_KEY = 'secret' signs the sessions
				(env && (!strings.Contains(strings.ToLower(key), strings.ToLower(secret)) || serviceDefault[strings.ToLower(secret)])) ||
				(codeWords && chosenWord(key, secret))
		}
		return len(secret) >= 8 && entropy(secret) > 3 && !weakValue.MatchString(secret)
	}
}

// serviceDefault are the passwords services ship with: under an
// environment variable's name they are the password even where the name
// holds them (MYSQL_ROOT_PASSWORD: root, POSTGRES_PASSWORD: postgres).
var serviceDefault = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Split(strings.TrimSuffix(serviceDefaultWords, "|"), "|") {
		m[w] = true
	}
	return m
}()

// loneSecret reports the word "secret" under a password key that does not
// hold the word: the default password of many stacks and their docs
// ('password' => 'secret', $dbpass = 'secret', password: secret), where
// a label would be capitalised and client_secret: secret repeats its key.
func loneSecret(key, secret string) bool {
	return secret == "secret" && !strings.Contains(strings.ToLower(key), "secret")
}

// keyOf returns the key of an assignment match: the last run of name
// characters before the value.
func keyOf(match, secret string) string {
	head := match
	if i := strings.LastIndex(match, secret); i >= 0 {
		head = match[:i]
	}
	head = strings.TrimRight(head, " \t\"'`:=>?|,(]")
	if m := typeAnnotation.FindStringIndex(head); m != nil {
		head = head[:m[0]+1] // POSTGRES_PASSWORD: str = "…": the key is before the type
	}
	i := len(head)
	for i > 0 && isNameByte(head[i-1]) {
		i--
	}
	return head[i:]
}

// typeAnnotation matches the type a typed declaration gives its name
// (: str, : Optional[str], : string), at the end of a match's head.
var typeAnnotation = regexp.MustCompile(`[\w.-][ \t]*:[ \t]+[A-Za-z_][\w.\[\]|?<>, ]{0,40}$`)

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

// judgeUnder judges secret as an assignment's to name: the rules whose
// key is not the text just before the value (a macro, a React state, a
// property's <name>, a variable block) name it here.
func judgeUnder(name, secret string) bool {
	return codeCheck(name+` = "`+secret+`"`, secret)
}

// nameCheck returns a check that takes the key from the first non-empty
// group of nameRe in the match and judges the value under it.
func nameCheck(nameRe *regexp.Regexp) func(match, secret string) bool {
	return func(match, secret string) bool {
		m := nameRe.FindStringSubmatch(match)
		for _, g := range m[min(1, len(m)):] {
			if g != "" {
				return judgeUnder(g, secret)
			}
		}
		return false
	}
}
