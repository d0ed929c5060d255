// Package confidence scores every finding high, medium or low: how likely it
// is a real credential rather than a placeholder, an example or test data.
// The scanner calls it after detection and before filtering; the threshold
// (--min-confidence) then decides what is reported and what fails a scan.
//
// It imports only the finding model. The signals, each in its own function
// with its own table test:
//
//   - rule class (ruleClass): gitleaks' default rules other than
//     generic-api-key, and rules tagged "provider", match provider-shaped
//     tokens: high. Rules tagged "credfile" read credential files, where
//     every password field is a credential: high for a strong value, medium
//     for a weak one. A rule tag "confidence:high|medium|low" sets the base
//     level outright. Every other rule is a generic assignment, scored on
//     the signals below.
//   - value strength (valueStrength): length, character classes and
//     Shannon entropy; a weak value (pass123, hunter22) is still a
//     credential, only a less certain one.
//   - key name (keyStrength): the match minus the secret; password-, secret-,
//     token- or api_key-like names raise the score, bare "key" or "auth"
//     lower it.
//   - file kind (kindOf): credential files and dotenv/config files raise it,
//     lockfiles lower it; docs do neither (README snippets the reader is
//     told to run hold real passwords).
//   - path (isTestPath): test/, fixtures/, testdata/, examples/, mock,
//     sample, _test.go, .test.js and the like move a high weak or generic
//     value down to medium: in the real-code corpus tests logging in as
//     seeded accounts outnumbered throwaway users.
//   - throwaway values (throwaway, Apply only): a weak or fair generic
//     value in a test's source code that no finding outside tests holds
//     (a user the test creates, a mock) is low; a seeded account's
//     password is also in the seed data, outside tests, and keeps its
//     level. Staged and range scans see only what changed, so there a
//     seed's value may be out of sight and the test's value low.
//   - placeholder vocabulary, values made only of filler words and
//     repeated or sequential characters (isPlaceholder): low. Four or
//     more digits (1234, 123456) in a configuration, dotenv or credential
//     file outside tests are the password the service runs with
//     (pwshape.Digits), not filler.
//   - noise (noiseOf): prose and UI text, expressions and references,
//     identifiers and upper-case labels with a filler end, values
//     repeating their key, public names (PublicKeyToken): low.
//   - inert values (inertOf), which provably hold no credential: JWTs
//     without header or signature, with alg none, with a header or payload
//     that is not JSON, signed with the empty key or jwt.io's published
//     demo key, or with empty or placeholder-only claims; PEM private-key
//     headers without a key body; pure filler (empty, 0000..., XXXX...,
//     one sequential run or a digit run joined to a letter run, a
//     provider prefix before filler, only filler words); the tag of the
//     image reference a line holds (image: org/app:1.2, FROM x/y:tag); an
//     Ethereum address with a valid EIP-55 checksum, an AES key of the
//     published test vectors (public): low, whatever the rule.
//   - a service's shipped default password (root, postgres, guest) in a
//     CI pipeline's service container or a scaffolding template
//     (ephemeralDefault): low; in a compose file or a .env it is what the
//     service runs with and keeps its level.
//   - sign-up examples (signupExample): a weak or fair password in a
//     request body's field of a docs or request file, near words of
//     registering a user (the engine's finding.TagSignup), is the password
//     of a user the reader creates: low.
//   - a secret verified live by its provider (scanner/verify): high.
//
// Every finding of one of gitleaks' default rules, generic-api-key included,
// stays at medium or above unless its value is inert, so the default
// threshold reports everything gitleaks reports that could be a credential.
package confidence

import (
	"regexp"
	"slices"
	"strings"

	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/secretsweep/secretsweep/internal/pwshape"
)

// Scores behind the levels: a score of HighAt or more is high, MediumAt or
// more medium, anything below low.
const (
	HighAt   = 70
	MediumAt = 40
)

// Scorer scores findings. The zero Scorer treats no rule as one of
// gitleaks' default rules.
type Scorer struct {
	// Default reports whether a rule id is one of gitleaks' default rules
	// (the engine knows them); nil means none is.
	Default func(ruleID string) bool
}

// Apply sets Confidence and ConfidenceScore of every finding of one scan.
// Findings must not be redacted yet: the value's strength is part of the
// score, and so is whether a value found in a test is also found outside
// tests (throwaway).
func (s Scorer) Apply(fs []finding.Finding) {
	outside := map[string]bool{}
	for i := range fs {
		// Docs do not count: the API guide's curl example registers the
		// same throwaway user the test does.
		if !isTestPath(fs[i].File) && kindOf(fs[i].File) != kindDocs {
			outside[fs[i].Secret] = true
		}
	}
	set := configured(fs)
	for i := range fs {
		fs[i].Confidence, fs[i].ConfidenceScore = s.score(&fs[i], outside)
		if unbackedDefault(&fs[i], set) && fs[i].ConfidenceScore >= MediumAt {
			fs[i].ConfidenceScore = MediumAt - 10 // stackdefault.go
			fs[i].Confidence = level(fs[i].ConfidenceScore)
		}
	}
}

// Score returns the level and the score (0 to 100) of one finding, judged
// alone (without the throwaway signal, which needs the whole scan).
func (s Scorer) Score(f *finding.Finding) (finding.Confidence, int) {
	return s.score(f, nil)
}

// throwaway reports a weak or fair value of a generic assignment in a
// test's source code that no finding outside tests holds (outside, nil
// when unknown): the password of a user the test itself creates, a mock,
// a deliberately wrong value. A test logging in as an account the
// application seeds holds the value the seed data holds too, which is
// found outside tests and docs; in the real-code corpus that separated
// every throwaway value from every seeded one.
func throwaway(f *finding.Finding, st strength, outside map[string]bool) bool {
	return outside != nil && st != strong && isTestPath(f.File) && kindOf(f.File) == kindCode && !outside[f.Secret]
}

func (s Scorer) score(f *finding.Finding, outside map[string]bool) (finding.Confidence, int) {
	if f.Verification != nil && f.Verification.Status == "verified" {
		return finding.ConfidenceHigh, 100
	}
	isDefault := s.Default != nil && s.Default(f.RuleID)
	class, tagged := ruleClass(f, isDefault)
	st := valueStrength(f.Secret)
	var score int
	switch {
	case tagged != "":
		score = baseScore[tagged]
	case class == classProvider:
		score = 90
	case class == classCredFile:
		score = credFileScore[st]
	default:
		score = genericScore[st] + keyPoints[keyStrength(f.Match, f.Secret)] + kindPoints[kindOf(f.File)]
	}
	if isTestPath(f.File) && level(score) == finding.ConfidenceHigh && ((class == classGeneric && tagged == "") || st == weak) {
		score = lower(score) // tests rank below the code, but are not hidden: see the package doc
	}
	if class == classGeneric && tagged == "" && !isDefault && (throwaway(f, st, outside) || replExample(f.Line) || exampleCommand(f.Line, st) || exampleURL(f) || localRequestLog(f.File, st) || inLibraryScript(f.File)) {
		score = min(score, 30)
	}
	if class == classGeneric && tagged == "" && !isDefault && st != strong && signupExample(f) {
		score = min(score, 30) // the password of a user an API guide's sign-up example creates (signup.go)
	}
	if !isDefault && deviseTemplate(f) {
		score = min(score, 30) // what Devise's generator writes commented out in every app
	}
	key, noise := keyOf(f.Match, f.Secret), ""
	jwtName, jwt := jwtKeyOf(f.Match, f.Secret)
	signing := jwt || slices.Contains(f.Tags, "signing-key") // a rule that knows the literal signs tokens
	if class != classProvider {
		noise = noiseOf(key, f.Secret, f.File)
	}
	if noise == "key-name" && jwt && alnum(jwtName) != alnum(f.Secret) {
		noise = "" // the word under a JWT key is the signing key, unless it repeats the whole key
	}
	if noise == "prose" && slices.Contains(f.Tags, "signing-key") {
		noise = "" // a session middleware's secret written as a sentence: a rule that knows the literal signs takes the phrase as the key
	}
	if noise == "ui-string" && slices.Contains(f.Tags, "resource") && !isUIKey(key) {
		noise = "" // <string name="api_secret"> in res/values/strings.xml: the resource file holds UI text, not this entry
	}
	if noise == "identifier" && signing && !echoesKey(key, f.Secret) {
		noise = "" // jwtSecret: 'my_token', secret_tres_secret in jwt.js: a signing key written as a name
	}
	if noise == "key-name" && slices.Contains(f.Tags, "live") && !strings.ContainsAny(f.Secret, "-_.") {
		noise = "" // MYSQL_ROOT_PASSWORD=rootpassword in a live .env: typed as one word, what the database runs with
	}
	if noise == "identifier" && (envOverrules(f.File) || slices.Contains(f.Tags, "live") || slices.Contains(f.Tags, "connection")) && !echoesKey(key, f.Secret) && !isPublicName(key) {
		noise = "" // REDIS_PASSWORD=secret_redis in a .env (POSTGRES_PASSWORD: shop_password in a compose file, shop_pass in a database URL) is the password
	}
	k := kindOf(f.File)
	digitsChosen := class == classCredFile || k == kindConfig || k == kindCredFile || envOverrules(f.File) || slices.Contains(f.Tags, "connection") || isSeedPath(f.File) ||
		(slices.Contains(f.Tags, "env") && shellScript(f.File)) || // digits an install script sets for a password variable
		(k == kindCode && !isTestPath(f.File) && !commentLine(f.Line) && (passwordNamed.MatchString(key) || signing)) // the password an app's own code seeds or connects with (password: "password123"), the key it signs tokens with (a run of digits passed to jwt.sign); a doc comment's is an example
	if digitsChosen && isTestPath(f.File) && chosenDigits(f.Secret, key) {
		digitsChosen = false // 123456 for a user a test signs up stays filler
	}
	// A filler word with digits after it (password123) in docs, scripts
	// and pipelines is a password someone chose, as in a config file: in
	// the real-code corpus 64 of 75 labelled password123 lines in docs
	// were true (sign-up examples aside, signup.go). In program source and
	// tests the other signals decide.
	placeholder := isPlaceholderAt(f.Secret, digitsChosen || (k != kindCode && !isTestPath(f.File) && wordDigits.MatchString(f.Secret))) ||
		(adjectivePassword.MatchString(f.Secret) && !slices.Contains(f.Tags, "connection") && !pwshape.LiveFile(f.File))
	if signing {
		// Under a JWT key any word (access) signs the tokens, and so does
		// a phrase that holds a filler word (test-lab4-secret-key,
		// its-a-secret): only a stated placeholder or a filler alone
		// (test) is none.
		placeholder = signingPlaceholder(f.Secret)
	}
	if (placeholder && !(digitsChosen && chosenDigits(f.Secret, key))) || noise != "" || (!signing && describesItself(f.Secret, f.File)) || (class == classGeneric && ephemeralDefault(f)) {
		score = min(score, 20)
	} else if signing && class == classGeneric && k == kindCode && !isTestPath(f.File) && !commentLine(f.Line) && score > 30 {
		score = max(score, MediumAt) // two plain words in a jwtKey constant of the app's own code: the key it signs with, weak or not
	}
	if inertFinding(f) != "" && !(digitsChosen && (class == classGeneric || class == classCredFile) && chosenDigits(f.Secret, key)) {
		score = min(score, 20) // provably no credential: even a default rule's finding is low
	} else if isDefault {
		score = max(score, MediumAt) // gitleaks parity at the default threshold
	}
	if class == classGeneric && pwshape.PublishedDemo(f.Secret) && inertFinding(f) == "" {
		score = max(score, MediumAt) // secret_sauce: a practice site's shared password logs in wherever it is written, tests included
	}
	score = max(0, min(100, score))
	return level(score), score
}

// baseScore is the score a "confidence:<level>" tag starts from.
var baseScore = map[finding.Confidence]int{
	finding.ConfidenceHigh: 85, finding.ConfidenceMedium: 55, finding.ConfidenceLow: 25,
}

// credFileScore: in a credential file every password field is a
// credential; strength only says how sure.
var credFileScore = map[strength]int{strong: 85, fair: 75, weak: 55}

// genericScore is where a generic assignment starts, before key name and
// file kind.
var genericScore = map[strength]int{strong: 70, fair: 50, weak: 45}

// level maps a score to its level.
func level(score int) finding.Confidence {
	switch {
	case score >= HighAt:
		return finding.ConfidenceHigh
	case score >= MediumAt:
		return finding.ConfidenceMedium
	}
	return finding.ConfidenceLow
}

// lower moves a score down one level, into the upper part of the level
// below (a low score only loses points).
func lower(score int) int {
	s := score - 30
	switch level(score) {
	case finding.ConfidenceHigh:
		return max(MediumAt, min(s, HighAt-1))
	case finding.ConfidenceMedium:
		return max(0, min(s, MediumAt-1))
	}
	return max(0, s)
}

// Rule classes.
type class int

const (
	classGeneric  class = iota // an assignment: judged on value, key, file, path
	classProvider              // a provider-shaped token
	classCredFile              // a field of a credential file
)

// ruleClass classifies the rule that made f from its id and tags: gitleaks'
// default rules other than generic-api-key and rules tagged "provider" are
// provider-shaped, rules tagged "credfile" read credential files. tagged is
// the level a "confidence:<level>" tag sets, or "".
func ruleClass(f *finding.Finding, isDefault bool) (c class, tagged finding.Confidence) {
	c = classGeneric
	if isDefault && f.RuleID != "generic-api-key" {
		c = classProvider
	}
	for _, t := range f.Tags {
		switch t = strings.ToLower(t); {
		case t == "provider":
			c = classProvider
		case t == "credfile" && c != classProvider:
			c = classCredFile
		case strings.HasPrefix(t, "confidence:"):
			if l, err := finding.ParseConfidence(strings.TrimPrefix(t, "confidence:")); err == nil {
				tagged = l
			}
		}
	}
	return c, tagged
}

// wordDigits matches a word with digits after it: password123, admin1.
var wordDigits = regexp.MustCompile(`^[A-Za-z]{3,}[0-9]{1,6}$`)

// passwordNamed matches keys and columns that name a password.
var passwordNamed = regexp.MustCompile(`(?i)pass|pwd|contrase|senha|clave`)

// chosenDigits reports a password of digits where digits are chosen: a
// run of them (123456), or under a password key one after a letter or
// two (z47110 for a seeded account; T123456789 under SLACK_TEAM is an id's
// filler).
func chosenDigits(v, key string) bool {
	return pwshape.Digits(v) || (pwshape.PrefixedDigits(v) && passwordNamed.MatchString(key))
}
