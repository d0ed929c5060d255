package rules

import (
	"fmt"

	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/regexp"
)

// placeholderRegexes match secrets that are references to a secret kept
// elsewhere, or placeholders: CI expressions, shell and template variables,
// environment lookups in code, masks and well-known dummy values.
var placeholderRegexes = []string{
	// CI/CD and template expressions: ${{ secrets.X }}, ${X}, $(X), {{ .Values.x }},
	// #{X}, $[[ inputs.x ]], %X%, @X@.
	`\$\{\{`, `\$\{[^}]*\}`, `\$\{[A-Za-z_]`, `\$\((?:[^)]*\)|[\w.-]*$)`, "^`", `\{\{.*\}\}`, `\{%.*%\}`, `#\{`, `\$\[\[`,
	`^\$[A-Za-z_][\w]*$`, `^%[\w.-]+%$`, `^@[\w.-]+@$`,
	// <your-password>, <token>, [PASSWORD]
	`^<[^>]*>$`, `(?i)<[^>]*(?:pass|token|secret|key|your|here|user)[^>]*>`, `^\[[\w -]+\]$`,
	// Lookups in code and pipeline DSLs.
	`(?i)(?:os\.environ|getenv|process\.env|ENV\[|ENV\.fetch|\benv\(|Environment\.GetEnvironmentVariable|\bcredentials\(|\bsecrets\.|\bvars\.|\bsecret\(|\bvault\(|\bssm:|\{\{resolve:|\bSystem\.getProperty)`,
	// String concatenation caught between quotes: "PGPASSWORD="+cfg.Password.
	`^[ \t]*[+.][ \t]*[A-Za-z_$]`,
	// Where the value comes from instead of the value: from-env, set-in-ci, see vault.
	`(?i)^(?:from|via|see|set|read|load|use)[-_ ](?:in[-_ ]|the[-_ ])?(?:env|environment|vault|ci|secrets?|config|keychain|ssm|kms|runtime)(?:$|[-_ .])`,
	// Format placeholders: {password}, {0}, %s.
	`^\{[\w.\[\]'"]*\}$`, `^%[-+ #0]*\d*[sdvqx]$`,
	// Secret Manager references: gcloud --set-secrets NAME=secret:latest.
	`^[\w-]+:(?:latest|\d+)$`,
	// Values encrypted at rest (Spring Cloud Config, jasypt, Maven) and ARNs of secrets.
	`^\{cipher\}`, `^ENC\(`, `^\{[A-Za-z0-9+/]{8,}={0,2}\}$`, `^arn:aws[\w-]*:`,
	// A function call or a (dotted, indexed) identifier: a reference, not a value.
	`^[\w.$:-]+\(.*\)[,;]?$`,
	`^[A-Za-z_]\w{0,30}(?:\.[A-Za-z_][\w-]{0,30}|\[[^\]]*\])+[,;]?$`,
	// Namespaced class and module names: ActiveJob::Serializers::SymbolSerializer, App\\Models\\User.
	`^(?:[A-Z][A-Za-z0-9]*(?:::|\\{1,2}))+[A-Z][A-Za-z0-9]*$`,
	// JavaScript expressions: a negated or compared member (!!t.withCredentials, s.crossOrigin===).
	`^!{1,2}[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$`, `^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+[=!]==?$`,
	// Validation rules (Laravel): required|string|min:8|confirmed.
	`^(?:[a-z_]+(?::[^|\s]*)?\|)+[a-z_]+(?::[^|\s]*)?$`,
	// Struct and object literals, constructors, dunder placeholders: &types.Key{}, new Foo(), __Token__.
	`^[&*]?[\w.]+\{`, `^new[ \t]`, `^__[\w.-]+__$`,
	`^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$`,
	// Literals that are not secrets.
	`(?i)^(?:true|false|null|nil|none|undefined|yes|no|on|off|required|optional|string|empty)$`,
	// Authentication mechanisms, the value of auth keys that name no password (SMTP_AUTH=login).
	`(?i)^(?:plain|login|cram-md5|digest-md5|x?oauth2?|ntlm|gssapi|starttls|ssl|tls|basic|digest|scram-sha-(?:1|256|512))$`,
	// Masks and fillers: ***, xxxx, ...., 00000000.
	`\*{3,}`, `(?i)x{4,}`, `^[.•_-]+$`,
	// Ellipses: a value cut short in documentation (whsec_..., sk_live_…,
	// sk_live_...4242, ...abcd, AAEWVaWM...Rva2VuaSDZ: a token's two ends);
	// dots after a short prefix (Zk...Fortress) are typed.
	`(?:\.\.\.|…)[\w-]{0,4}\W*$|^\W*(?:\.\.\.|…)|[A-Za-z0-9+/_-]{6}(?:\.\.\.|…)[A-Za-z0-9+/_-]{6}`,
	// Prose is its own allowlist (proseAllowlist), which rules that take
	// phrases as keys do without.
	// Digests and file references.
	`(?i)^sha(?:1|256|384|512)[:-]`, `^(?:~|\.{1,2})?/[\w./-]+$`, `(?i)\.(?:pem|key|crt|cer|p12|pfx|jks|json|txt|gpg|asc)$`,
	// "your … here" in Spanish, Portuguese, French and German: tu_jwt_secret_aqui,
	// sua_senha_aqui, votre_mot_de_passe, dein_passwort.
	`(?i)^(?:tu|su|seu|sua|votre|ton|dein|ihr)[_-][a-z]`, `(?i)[_-]aqu[ií]$`,
	// A description of the password to choose: a-strong-password, your_secure_passphrase.
	`(?i)^(?:(?:a|an|some|your|my|the)[-_ ]?)?(?:very[-_ ]?)?(?:strong|secure|complex|random)[-_ ]?(?:password|passwd|secret|passphrase)$`,
	// AWS documentation example keys (also caught by "example" below).
	`AKIAIOSFODNN7`, `wJalrXUtnFEMI/K7MDENG`,
}

// Tokens of proseRegexes: the first word, any later word, and a word
// that is not four lower-case letters (first or later).
const (
	proseFirst    = `[A-Za-z][A-Za-z'’,.:;!?()"-]*`
	proseWord     = `[A-Za-z0-9'’,.:;!?()%"-]+`
	proseOdd      = `(?:[A-Za-z0-9'’,.:;!?()%"-]{5,}|[A-Za-z0-9'’,.:;!?()%"-]{1,3}|[A-Za-z0-9'’,.:;!?()%"-]*[A-Z0-9'’,.:;!?()%"-][A-Za-z0-9'’,.:;!?()%"-]*)`
	proseOddFirst = `(?:[A-Za-z][A-Za-z'’,.:;!?()"-]{4,}|[A-Za-z][A-Za-z'’,.:;!?()"-]{0,2}|[A-Za-z][A-Za-z'’,.:;!?()"-]*[A-Z'’,.:;!?()"-][A-Za-z'’,.:;!?()"-]*|[A-Z][A-Za-z'’,.:;!?()"-]*)`
	proseGap      = `[ \t]+`
)

// proseRegexes match three or more words, but not four words of exactly
// four lower-case letters each (abcd efgh ijkl mnop is how Google shows an
// app password): three words, five or more, or four of which one is not
// four lower-case letters.
var proseRegexes = [6]string{
	`^` + proseFirst + `(?:` + proseGap + proseWord + `){2}$`,
	`^` + proseFirst + `(?:` + proseGap + proseWord + `){4,}$`,
	`^` + proseOddFirst + `(?:` + proseGap + proseWord + `){3}$`,
	`^` + proseFirst + proseGap + proseOdd + proseGap + proseWord + proseGap + proseWord + `$`,
	`^` + proseFirst + proseGap + proseWord + proseGap + proseOdd + proseGap + proseWord + `$`,
	`^` + proseFirst + proseGap + proseWord + proseGap + proseWord + proseGap + proseOdd + `$`,
}

// weakValueRegexes match weak or word-like values: names, phrases and
// dictionary passwords. Every rule but the weak-password ones drops them;
// those report them (a weak password in a .env file is still a leak) and
// leave their judgement to the confidence scorer.
var weakValueRegexes = []string{
	// Only letters (and separators): names and phrases, not generated secrets
	// (gitleaks' generic-api-key uses the same heuristic).
	`^[A-Za-z_. -]+$`,
	`(?i)^(?:abc|123|qwerty)`,
	// Lower-case words joined by separators: identifiers, cache and hash
	// keys, paths and route targets (_aj_ruby2_keywords, active_storage/disk#update).
	`^_*[a-z]+\d?(?:[_.:/#-][a-z]+\d?)+$`,
	// Weak default or word-like values: password, admin123, secret!, postgres.
	`(?i)^[\W_]*(?:my|the|your|a|some|default|new|old|dev|local|db|app|super)?[-_]?(?:p[a@]ss(?:w(?:or)?d)?|pwd|secret|token|key|admin|root|test(?:ing)?|guest|user(?:name)?|demo|postgres|mysql|redis|rabbitmq|mongo|sa|toor|letmein|welcome|hunter2)[\W_]*\d*[\W_]*$`,
}

// placeholderWordsRegex matches values made of placeholder words, with
// %s for more words (serviceDefaultWords, secretWords or nothing).
const placeholderWordsRegex = `(?i)^[\W_]*(?:(?:my|the|your|a|some|default|new|old|dev|local|db|app|super|user|admin|root)?[-_]?(?:` +
	fillerWordsHead + `%s` + fillerWordsTail + `)[\W_]*)+$`

// fillerWordsHead and fillerWordsTail are the words placeholderWordsRegex
// and placeholderWordsAlt share (%s goes between them).
const (
	fillerWordsHead = `pass(?:w(?:or)?d|phrase)?|pwd|pw|token|key|test(?:ing)?|user(?:name)?|demo|`
	fillerWordsTail = `value|string|text|hidden|masked|redacted|required|optional|none|null|nil|empty|default|unset|blank|foo|bar|foobar|baz|qux|abc|here|goes`
)

// serviceDefaultWords are the passwords services ship with (root, admin,
// postgres, guest): placeholders in code, docs and YAML, but real
// credentials in .env files, INI files and Dockerfiles, where they are what
// the service runs with (envPasswordPlaceholders).
const serviceDefaultWords = `admin|root|guest|postgres|postgresql|mysql|mariadb|redis|rabbitmq|mongo|mongodb|sa|toor|`

// passwordPlaceholderRegexes are what the weak-password rules drop on top
// of the shared references and placeholders: a dictionary word standing
// for a password (password, secret, changeme, the service's default
// user), without the digits that make pass123 a password someone chose,
// and prose.
var passwordPlaceholderRegexes = []string{
	fmt.Sprintf(placeholderWordsRegex, serviceDefaultWords+secretWords),
	// A word ending in pass or password: cachepass, badpass, userpassword
	// (not with the @ of a chosen password: zorkP@ss).
	`(?i)^[a-z]{0,12}(?:pass(?:w(?:or)?d)?|pwd|pw|secret)s?$`,
	// Lower-case words joined by a path, reference or route separator:
	// prod/snowflake:password, config.db.password.
	`^_*[a-z]+\d?(?:[_.:/#-][a-z]+\d?)*[.:/#][a-z]+\d?(?:[_.:/#-][a-z]+\d?)*$`,
	// Words and phrases with spaces: labels, prose, sentences.
	`^[A-Za-z.,:;'!?()-]+(?:[ \t]+[A-Za-z.,:;'!?()-]+)+$`,
	// A value that starts by addressing the reader: yourStrong(!)Password.
	`^[Yy]our(?:[A-Z_-]|$)`,
	// Windows paths and masks of one repeated character.
	`^[A-Za-z]:[\\/]`, `^(?:\*+|#+|\.+|0{1,5}|0{9,}|1{1,5}|1{9,}|x+|X+|\?+)$`,
}

// secretWords are placeholder words except in env files: "secret" stands
// for a password in code and docs, but in a .env it is the default the
// stack runs with (POSTGRES_PASSWORD=secret; envFilePlaceholders).
const secretWords = `secret|`

// nameRegexes match values that name things rather than being secrets: a
// lower-case snake_case identifier (cache_store, db_password). In an env
// file such a value under a secret key is a password (REDIS_PASSWORD=
// secret_redis), so envFilePlaceholders lacks them; every other rule
// drops them.
var nameRegexes = []string{`^[a-z][a-z0-9]*(?:_[a-z]+)+$`}

// envPasswordPlaceholders is passwordPlaceholders without the service
// default words: for .env, INI and Dockerfile assignments.
func envPasswordPlaceholders() *config.Allowlist {
	rs := append([]string{fmt.Sprintf(placeholderWordsRegex, secretWords)}, passwordPlaceholderRegexes[1:]...)
	return &config.Allowlist{Description: "password placeholders", Regexes: compileAll(append(rs, nameRegexes...))}
}

// fillerSecret matches "secret" among other filler words (my-secret,
// secret_token, secret-key-here) but not alone.
var fillerSecret = [2]string{
	`(?i)^[\W_]*(?:my|the|your|a|some|default|new|old|dev|local|db|app|super|user|admin|root)[-_]?secret(?:[\W_]*(?:pass(?:w(?:or)?d)?|pwd|token|key|value|here|string))*[\W_]*$`,
	`(?i)^[\W_]*secret(?:[\W_]*(?:pass(?:w(?:or)?d)?|pwd|token|key|value|here|string))+[\W_]*$`,
}

// envFilePlaceholders is what stays a placeholder in an env file (.env,
// *.env, env.*), where every other literal under a secret key is what the
// stack runs with: filler words (password, token, test), references,
// masks, prose. Not a lone "secret", snake_case names or a word ending
// in pass (sonarPass), which are real defaults there.
func envFilePlaceholders() *config.Allowlist {
	rs := append([]string{fmt.Sprintf(placeholderWordsRegex, ""), fillerSecret[0], fillerSecret[1]}, passwordPlaceholderRegexes[2:]...)
	return &config.Allowlist{Description: "env file placeholders", Regexes: compileAll(rs)}
}

// urlPasswordPlaceholders is passwordPlaceholders that keeps "secret": a
// database URL's password, or a --password option's, is a credential
// whatever the word (mysql://app:secret@db/app, --db-password=secret).
func urlPasswordPlaceholders() *config.Allowlist {
	rs := append([]string{fmt.Sprintf(placeholderWordsRegex, serviceDefaultWords),
		wordEndingInPass[0], wordEndingInPass[1]}, passwordPlaceholderRegexes[2:]...)
	return &config.Allowlist{Description: "password placeholders", Regexes: compileAll(append(rs, nameRegexes...))}
}

// cliPasswordPlaceholders is urlPasswordPlaceholders without the service
// default words: after --password, admin or root is what the documented
// command logs in with (kcadm.sh … --user admin --password admin).
func cliPasswordPlaceholders() *config.Allowlist {
	rs := append([]string{fmt.Sprintf(placeholderWordsRegex, ""),
		wordEndingInPass[0], wordEndingInPass[1]}, passwordPlaceholderRegexes[2:]...)
	return &config.Allowlist{Description: "password placeholders", Regexes: compileAll(append(rs, nameRegexes...))}
}

// wordEndingInPass matches a word ending in pass or password (cachepass,
// userpassword), and one ending in secret, for the allowlists where a lone
// "secret" is a password.
var wordEndingInPass = [2]string{`(?i)^[a-z]{0,12}(?:pass(?:w(?:or)?d)?|pwd|pw)s?$`, `(?i)^[a-z]{1,12}secrets?$`}

// loneSecretPlaceholders replace the first two passwordPlaceholderRegexes
// in passwordPlaceholders: "secret" among other filler words (my-secret,
// secret_password, topsecret) stays a placeholder, but "secret" alone is
// the default password of many stacks and their docs ('password' =>
// 'secret' in a PHP config, password: secret in an Ansible task); the
// checks drop it under keys that hold the word (assign_check.go).
var loneSecretPlaceholders = []string{
	fmt.Sprintf(placeholderWordsRegex, ""), fillerSecret[0], fillerSecret[1],
	`(?i)^[\W_]*(?:(?:` + placeholderWordsAlt + `|secret)[\W_]*){2,}$`,
	wordEndingInPass[0], wordEndingInPass[1],
}

// placeholderWordsAlt are the filler words of placeholderWordsRegex and the
// service defaults, as one alternation.
const placeholderWordsAlt = fillerWordsHead + fillerWordsTail + `|my|the|your|a|some|new|old|dev|local|db|app|super|admin|root|guest|postgres|mysql|redis`

// secretPasswordPlaceholders is the allowlist of passwordPlaceholderRegexes,
// where "secret" alone is a placeholder too: for fallbacks of environment
// lookups (env('DB_PASSWORD', 'secret')).
func secretPasswordPlaceholders() *config.Allowlist {
	rs := append(append([]string{}, passwordPlaceholderRegexes...), nameRegexes...)
	return &config.Allowlist{Description: "password placeholders", Regexes: compileAll(rs)}
}

// yamlPasswordPlaceholders is passwordPlaceholders without the service
// default words: in YAML a password key's value is what a compose
// service, a CI job's database or an app's config runs with
// (MYSQL_ROOT_PASSWORD: root, password: postgres in database.yml); the
// checks (assign_check.go) and the scorer judge bare words.
func yamlPasswordPlaceholders() *config.Allowlist {
	rs := append([]string{fmt.Sprintf(placeholderWordsRegex, ""), fillerSecret[0], fillerSecret[1]}, loneSecretPlaceholders[3:]...)
	rs = append(append(rs, passwordPlaceholderRegexes[2:]...), nameRegexes...)
	return &config.Allowlist{Description: "password placeholders", Regexes: compileAll(rs)}
}

// passwordPlaceholders is the allowlist of passwordPlaceholderRegexes,
// except that a lone "secret" is no placeholder (loneSecretPlaceholders).
func passwordPlaceholders() *config.Allowlist {
	rs := append(append(append([]string{}, loneSecretPlaceholders...), passwordPlaceholderRegexes[2:]...), nameRegexes...)
	return &config.Allowlist{Description: "password placeholders", Regexes: compileAll(rs)}
}

// weakValueAllowlist is the allowlist of weakValueRegexes.
func weakValueAllowlist() *config.Allowlist {
	a := &config.Allowlist{Description: "weak and word-like values", Regexes: compileAll(weakValueRegexes)}
	if err := a.Validate(); err != nil {
		panic(fmt.Sprintf("rules: allowlist %q: %v", a.Description, err))
	}
	return a
}

// placeholderStopwords are words that mark a secret as a placeholder
// wherever they occur in it (compared case-insensitively).
var placeholderStopwords = []string{
	"example", "changeme", "change_me", "change-me", "changeit", "dummy", "placeholder",
	"redacted", "your_", "your-", "your ", "unique phrase", "yourpass", "yourtoken", "yoursecret", "sample",
	"replace_me", "replaceme", "replace-me", "insert_", "insert-", "fixme", "todo",
	"fake", "notreal", "not-secret", "not_secret", "notsecret", "non-secret", "not_real", "not-real", "not-a-real", "mock_", "mock-",
	"<secret>", "<password>", "<token>",
	// Values that say they are not the secret: if_you_see_this_please_use_vault.
	"if_you_see_this", "if-you-see-this", "ifyouseethis",
}

// referenceKeyRegexes match keys whose value names a secret stored
// elsewhere rather than holding one (Helm's existingSecret, secretName,
// secretRef); they are checked against the whole match of a rule.
var referenceKeyRegexes = []string{
	`(?i)(?:existing|external)[_.-]?secret`,
	`(?i)secret[_.-]?(?:name|ref|id|arn|path)\b`,
}

// markerRegexes match lines that explicitly mark a value as a test fixture
// or an accepted finding.
var markerRegexes = []string{
	`(?i)secretsweep:allow`,
	`(?i)pragma:[ \t]*allowlist[ \t]+secret`,
	`(?i)(?:#|//)[ \t]*nosec\b`,
	`(?i)\bnoqa:[ \t]*S10[56]\b`,
	`(?i)\btest[-_ ]?fixture\b`,
}

// proseAllowlist drops prose: three or more words ("The token has expired,
// sign in again."), except four words of four lower-case letters, the
// shape of a Google app password (proseRegexes). Every rule gets it but
// those whose key is often a phrase (a session middleware's secret:
// 'keyboard cat', 'Once again … dog!'), built with proseOK.
func proseAllowlist() *config.Allowlist {
	a := &config.Allowlist{Description: "prose", Regexes: compileAll(proseRegexes[:])}
	if err := a.Validate(); err != nil {
		panic(fmt.Sprintf("rules: allowlist %q: %v", a.Description, err))
	}
	return a
}

// placeholderAllowlists returns the allowlists shared by every secretsweep
// rule: one on the secret (references and placeholders), one on the line
// (explicit fixture markers), one on the match (keys that name a secret
// stored elsewhere). Each call returns fresh, validated values.
func placeholderAllowlists() []*config.Allowlist {
	secret := &config.Allowlist{
		Description: "references and placeholders",
		Regexes:     compileAll(placeholderRegexes),
		StopWords:   append([]string(nil), placeholderStopwords...),
	}
	line := &config.Allowlist{
		Description: "explicitly marked test fixtures",
		RegexTarget: "line",
		Regexes:     compileAll(markerRegexes),
	}
	keys := &config.Allowlist{
		Description: "keys that reference a secret kept elsewhere",
		RegexTarget: "match",
		Regexes:     compileAll(referenceKeyRegexes),
	}
	out := []*config.Allowlist{secret, line, keys}
	for _, a := range out {
		if err := a.Validate(); err != nil {
			panic(fmt.Sprintf("rules: allowlist %q: %v", a.Description, err))
		}
	}
	return out
}

// compileAll compiles allowlist expressions. Each is wrapped in a group:
// gitleaks joins an allowlist's expressions with "|" as they are, so a
// (?i) flag in one would otherwise leak into every expression after it.
func compileAll(exprs []string) []*regexp.Regexp {
	out := make([]*regexp.Regexp, len(exprs))
	for i, e := range exprs {
		out[i] = regexp.MustCompile("(?:" + e + ")")
	}
	return out
}
