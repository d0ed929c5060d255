package confidence

import (
	"math"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/secretsweep/secretsweep/internal/pwshape"
)

// strength grades a value as a password: weak ones are guessable, strong
// ones look random.
type strength int

const (
	weak   strength = iota // 8 characters or fewer, or little variety: pass123, hunter22
	fair                   // between the two
	strong                 // 12 characters or more from a wide alphabet with high entropy
)

// valueStrength grades v by length, by the bits its length and character
// classes allow (length × log2 of the alphabet the classes span) and by its
// Shannon entropy per character (which repeated characters pull down).
func valueStrength(v string) strength {
	n := utf8.RuneCountInString(v)
	bits := float64(n) * math.Log2(float64(alphabet(v)))
	h := shannon(v)
	switch {
	case n <= 8 || bits < 48 || h < 2.5:
		return weak
	case n >= 12 && bits >= 64 && h >= 3 && !composed.MatchString(v):
		return strong
	}
	return fair
}

// composed matches a password made the way people make them: one to
// three words, then digits, then a symbol or two (Password123!,
// SecurePass2024!, AdminPass123). Its classes and length look strong;
// every cracking dictionary's rules try it first, so it is no stronger
// than fair: a test user's SecurePass123! is a throwaway value like
// pass123.
var composed = regexp.MustCompile(`^[A-Z]?[a-z]{1,10}(?:[A-Z]?[a-z]{2,10}){0,2}[0-9]{1,6}[!@#$%^&*.?_-]{0,2}$`)

// alphabet is the size of the alphabet v's character classes span: 26 for
// lower case, 26 for upper case, 10 for digits, 33 for anything else.
func alphabet(v string) int {
	var lo, up, dg, ot bool
	for _, r := range v {
		switch {
		case r >= 'a' && r <= 'z':
			lo = true
		case r >= 'A' && r <= 'Z':
			up = true
		case r >= '0' && r <= '9':
			dg = true
		default:
			ot = true
		}
	}
	size := 1
	for _, c := range []struct {
		on bool
		n  int
	}{{lo, 26}, {up, 26}, {dg, 10}, {ot, 33}} {
		if c.on {
			size += c.n
		}
	}
	return size
}

// shannon is the Shannon entropy of v in bits per character.
func shannon(v string) float64 {
	counts := map[rune]int{}
	n := 0
	for _, r := range v {
		counts[r]++
		n++
	}
	h := 0.0
	for _, c := range counts {
		p := float64(c) / float64(n)
		h -= p * math.Log2(p)
	}
	return h
}

// placeholderWords appear inside values that stand for a secret rather than
// being one (your-api-key-here, <token>, EXAMPLE, xxxx).
var placeholderWords = []string{
	"yourown", "replacethis", "changethis", "change-this", "change_this", "change-in-prod", "change_in_prod", "changeinprod", "example", "sample", "placeholder", "changeme", "change_me", "change-me", "dummy", "redacted",
	"lorem", "xxxx", "****", "your_", "your-", "yourpass", "yoursecret", "yourtoken", "insert_", "insert-",
	"replace_", "replace-", "replaceme", "notreal", "not_real", "not-real", "fakefake",
	"if_you_see_this", "if-you-see-this", "ifyouseethis",
	"${", "{{", "<%", "#{",
}

// substitution matches a shell command substitution ($(cat /run/secrets/x),
// or one cut at a space: $(openssl) and a Python format field
// (%(password)s). A bare "$(" or "%(" is no reference: a generated key's
// alphabet holds both (Django's: …)%zx7k…+4$(d4f…).
var substitution = regexp.MustCompile(`\$\((?:[^)]*\)|[\w.-]*$)|%\([\w.-]+\)[sdrif]?`)

// placeholderTokens are placeholder words only as a whole word of the value
// (split at non-letters and at lower-to-upper case changes): "test" in
// test-password or myTestToken, not in a random string that happens to
// hold those letters next to others.
var placeholderTokens = map[string]bool{
	"test": true, "testing": true, "demo": true, "fake": true, "mock": true, "todo": true, "fixme": true,
	"foobar": true, "none": true, "null": true, "undefined": true, "changeit": true, "xxx": true,
	// A value that says it is deliberately wrong (wrong-secret, invalid_password).
	"wrong": true, "invalid": true, "incorrect": true,
}

// deliberateTokens say a value is deliberately no credential: a
// placeholder even among other words under a signing key (wrong-secret,
// fake_jwt_key), where a filler such as test is part of the key
// (test-lab4-secret-key).
var deliberateTokens = map[string]bool{"wrong": true, "invalid": true, "incorrect": true, "fake": true, "mock": true, "dummy": true}

// fillerWords make a placeholder only when the value holds nothing else
// (secret, my-secret-token, your_password, PASSWORD): a word among others
// (staging_password123, Sup3r.Secret!) is part of a real, if weak,
// password.
var fillerWords = map[string]bool{
	"secret": true, "password": true, "passwd": true, "token": true, "apikey": true,
	"api": true, "key": true, "my": true, "your": true, "the": true, "a": true, "some": true, "here": true,
	"value": true, "private": true, "access": true, "auth": true, "credential": true, "credentials": true,
	// "secret" and "password" in the languages of the apps the corpus
	// holds: what a user typed as a throwaway in tests and API docs
	// (rahasia, senha), never a stack's default.
	"rahasia": true, "sandi": true, "katasandi": true, "geheim": true, "segreto": true, "secreto": true,
	"senha": true, "segredo": true, "contrasena": true, "contraseña": true, "motdepasse": true, "passwort": true,
	"wachtwoord": true, "salasana": true, "haslo": true, "hasło": true, "heslo": true, "sifre": true,
	"şifre": true, "parola": true, "mima": true, "sekret": true,
}

// isPlaceholder reports values that stand for a secret: placeholder
// vocabulary, a value made of filler words, angle-bracketed names, or
// repeated or sequential characters (aaaaaaaa, 12345678, abcabcabc). A weak
// real password (pass123, hunter22) is not a placeholder.
func isPlaceholder(v string) bool { return statedPlaceholder(v) || fillerOnly(v, false) }

// isPlaceholderAt is isPlaceholder for a value found where digits added to
// filler words mark a password someone set (digitsChosen: credential,
// config and env files, where password123 is what a service runs with,
// and seed files, where it is what a seeded account logs in with)
// or not (code and docs, where 42password is an example).
func isPlaceholderAt(v string, digitsChosen bool) bool {
	if digitsChosen && pwshape.Digits(v) {
		return false // a datasource password of 123456: the most leaked password there is
	}
	return statedPlaceholder(v) || fillerOnly(v, digitsChosen)
}

// statedPlaceholder reports values that say they stand for a secret
// (placeholder vocabulary, <name>, your…, test, none) or that are repeated
// or sequential characters.
func statedPlaceholder(v string) bool {
	return stated(v, false)
}

// signingPlaceholder is statedPlaceholder for a signing key, where a
// filler token among other words (test-lab4-secret-key) is part of the
// key the service signs with: only a token alone (test) stands for one.
func signingPlaceholder(v string) bool {
	return stated(v, true)
}

// stated is statedPlaceholder; with tokensAlone a placeholder token counts
// only when it is the whole value.
func stated(v string, tokensAlone bool) bool {
	lv := strings.ToLower(v)
	if strings.TrimSpace(lv) == "" {
		return true
	}
	if strings.HasPrefix(lv, "<") && strings.HasSuffix(lv, ">") {
		return true
	}
	for _, w := range placeholderWords {
		if strings.Contains(lv, w) {
			return true
		}
	}
	if passwordAdvice.MatchString(v) || secretAdvice.MatchString(v) || substitution.MatchString(v) {
		return true
	}
	ws := words(v)
	if len(ws) > 1 && strings.EqualFold(ws[0], "your") {
		return true // yourStrong(!)Password, YourApiKey
	}
	for _, w := range ws {
		if lw := strings.ToLower(w); placeholderTokens[lw] && (!tokensAlone || len(ws) == 1 || deliberateTokens[lw]) {
			return true
		}
	}
	return repetitive(v)
}

// secretAdvice matches a description of the secret to generate, in
// docs and sample configs: its required length (…-at-least-32-chars,
// min-32-characters) or what kind of string it must be
// (a-very-strong-random-string, a_long_random_value).
var secretAdvice = regexp.MustCompile(`(?i)(?:^|[-_ ])(?:at[-_ ]least|min(?:imum)?)[-_ ]\d+[-_ ]?(?:chars?|characters|bytes|long)(?:$|[-_ ])|^(?:a|an|some|any)[-_ ](?:very[-_ ])?(?:(?:long|strong|secure|random|complex|unique|secret)[-_ ]){1,3}(?:string|value|key|secret|token|phrase|text)(?:$|[-_ ])`)

// adjectivePassword matches the example password of API docs, schemas
// and sign-up samples: an adjective of strength before the word itself
// (SecurePass123!, NewSecurePass123!, StrongPass1!, complexpassword123).
// In the real-code corpus 20 such lines were examples, and the two that
// were not configured a database in a connection string or a live
// compose file, where the scorer keeps them.
var adjectivePassword = regexp.MustCompile(`(?i)^(?:my|new|your|a|the)?[-_ ]?(?:very[-_ ]?)?(?:secure|strong|complex|safe)[-_ ]?(?:pass(?:word|wd)?|pwd|p[@4]ss\w*)[\W\d_]*$`)

// passwordAdvice matches a description of the password to choose
// (a-strong-password, your_secure_passphrase), not a chosen one
// (app_secure_password_2024).
var passwordAdvice = regexp.MustCompile(`(?i)^(?:(?:a|an|some|your|my|the)[-_ ]?)?(?:very[-_ ]?)?(?:strong|secure|complex|random)[-_ ]?(?:password|passwd|secret|passphrase)$`)

// selfDescribing matches lower-case names that say what they stand for:
// an owner word, then words one of which names a secret
// (my_service_secret_42, our-app-password).
var selfDescribing = regexp.MustCompile(`^(?:my|our|some|the)[_-](?:[a-z0-9]+[_-])*(?:secret|secrets|password|passwd|token|key|answer|passphrase)(?:[_-][a-z0-9]+)*$`)

// describesItself reports a self-describing value (selfDescribing) in
// source code or docs, where it is a sample; in an env or config file the
// same name is the default a stack runs with.
func describesItself(v, file string) bool {
	k := kindOf(file)
	return (k == kindCode || k == kindDocs) && selfDescribing.MatchString(v)
}

// fillerOnly reports values made only of filler words (my-secret-token,
// your_password, PASSWORD). The lone word "secret" is not one: it is the
// default password of many stacks (POSTGRES_PASSWORD=secret,
// or in a database URL), and the rules drop it where it stands for one.
func fillerOnly(v string, digitsChosen bool) bool {
	ws := words(v)
	if len(ws) == 0 || strings.EqualFold(v, "secret") || chosenMarks(v, digitsChosen) {
		return false
	}
	for _, w := range ws {
		if !fillerWords[strings.ToLower(w)] {
			return false
		}
	}
	return true
}

// chosenMarks reports a symbol other than a word separator, or with
// digits a digit: what someone adds to a word to make a password
// (Password1!, and password123 in a config file), which a placeholder's
// words do not carry (my-secret-token, YOUR_API_KEY).
func chosenMarks(v string, digits bool) bool {
	for _, r := range v {
		if digits && unicode.IsDigit(r) || !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("-_. ", r) {
			return true
		}
	}
	return false
}

// words splits v into runs of letters, also at lower-to-upper case changes.
func words(v string) []string {
	var out []string
	start := -1
	prevLower := false
	for i, r := range v {
		letter := unicode.IsLetter(r)
		if start >= 0 && (!letter || (prevLower && unicode.IsUpper(r))) {
			out = append(out, v[start:i])
			start = -1
		}
		if letter && start < 0 {
			start = i
		}
		prevLower = unicode.IsLower(r)
	}
	if start >= 0 {
		out = append(out, v[start:])
	}
	return out
}

// repetitive reports values of at most three distinct characters, values
// that repeat a shorter piece (abcabc, 123123), and values mostly made of
// runs of four or more equal or consecutive characters (aaaa, 1234, dcba).
func repetitive(v string) bool {
	rs := []rune(v)
	n := len(rs)
	if n == 0 {
		return true
	}
	if pairWord(rs) {
		return false
	}
	distinct := map[rune]bool{}
	for _, r := range rs {
		distinct[r] = true
	}
	if (len(distinct) <= 2 && !threeLetterWord(rs)) || (n >= 6 && len(distinct) <= 3) {
		return true
	}
	for p := 1; p <= n/2; p++ {
		if n%p == 0 && strings.Repeat(string(rs[:p]), n/p) == v {
			return true
		}
	}
	inRuns, run := 0, 1
	flush := func() {
		if run >= 4 {
			inRuns += run
		}
	}
	for i := 1; i < n; i++ {
		d := step(rs[i-1], rs[i])
		if d >= -1 && d <= 1 && (run == 1 || d == step(rs[i-2], rs[i-1])) {
			run++
			continue
		}
		flush()
		run = 1
		if d >= -1 && d <= 1 {
			run = 2
		}
	}
	flush()
	return inRuns*5 >= n*4 || interleaved(rs) // 80% or more
}

// threeLetterWord reports three letters of which two are the same, as
// words are (app, all, odd): a service's password someone chose
// (POSTGRES_PASSWORD: app), not filler like aaa or 111.
func threeLetterWord(rs []rune) bool {
	if len(rs) != 3 || rs[0] == rs[1] && rs[1] == rs[2] {
		return false
	}
	for _, r := range rs {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// pairWord reports four letters that say one syllable twice (HAHA, xoxo,
// lala): a word someone chose as a service's password, not
// filler, unless the pair is sequential (abab, xyxy) or one letter.
func pairWord(rs []rune) bool {
	if len(rs) != 4 || rs[0] != rs[2] || rs[1] != rs[3] {
		return false
	}
	for _, r := range rs {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	d := unicode.ToLower(rs[1]) - unicode.ToLower(rs[0])
	return d < -1 || d > 1
}

// interleaved reports two sequential runs woven together, six characters or
// more: a1b2c3, A1B2C3D4.
func interleaved(rs []rune) bool {
	if len(rs) < 6 {
		return false
	}
	for i := 2; i < len(rs); i++ {
		if step(unicode.ToLower(rs[i-2]), unicode.ToLower(rs[i])) != 1 {
			return false // a1B2c3D4 weaves its runs whatever the case
		}
	}
	return true
}

// step is the difference between two neighbouring characters, with digits
// wrapping round (1234567890123 is one sequential run).
func step(a, b rune) rune {
	switch {
	case a == '9' && b == '0':
		return 1
	case a == '0' && b == '9':
		return -1
	}
	return b - a
}
