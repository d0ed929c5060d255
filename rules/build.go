package rules

import (
	"fmt"

	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/regexp"
)

// Fragments of regular expressions shared by several rules.
const (
	// secretKey matches the name of a variable, key or property that holds
	// a secret: it must end with one of the secret words (so token_url or
	// password_file do not qualify), also misspelt as WeChat and other
	// SDKs' sample code spells it (APP_SECRECT, appSercet), passport-jwt's
	// secretOrKey, or a password hashing pepper (APP_PEPPER). Use inside a
	// (?i) expression.
	secretKey = `[\w.-]*?(?:pass(?:w(?:or)?d|phrase)?|pwd|secret|secret[_.-]?or[_.-]?key|secrect|sercet|token|pepper|credentials?|(?:api|access|private|auth|signing|encryption|master|account|secret|jwt|hmac)[_.-]?key|secret[_.-]?key[_.-]?base|(?-i:[A-Z0-9]_KEY)|(?:redis|smtp|mail|ftp|proxy)[_.-]?auth)` + keyQualifier
	// quotedValue captures a single- or double-quoted value of 8 to 200 characters.
	quotedValue = `"([^"\r\n]{8,})"|'([^'\r\n]{8,})'`
	// passwordKey matches the name of a key that holds a password: it ends
	// with password, passwd, passphrase, pwd or secret, or with pass or pw
	// as a word of its own (db_pass, DB-PW, dbPass, pw, $dbpass) but not
	// inside another word (bypass, compass), or with auth after a service
	// that takes a password (REDIS_AUTH, smtp_auth). Use inside a (?i) expression.
	passwordKey = `(?:[\w.-]*?(?:passw(?:or)?d|passphrase|pwd|secret)|(?:[\w.-]*?[_.-])?(?:pass|pw)|[\w.-]*?(?-i:[a-z0-9](?:Pass|Pw))|[\w.-]*?(?:db|sql|user|root|admin|smtp|mail|ftp|ssh|ldap|login|proxy|my)(?:pass|pw)|[\w.-]*?(?:redis|smtp|mail|ftp|proxy)[_.-]?auth)` + keyQualifier
	// keyQualifier is what may follow the secret word of a key: a number
	// (password2) or the environment, role or framework it is for
	// (DB_PASSWORD_PROD, password-admin, SECRET_KEY_FLASK) or the service it
	// logs into (passwordRedis, PASSWORD_MYSQL), never an attribute of it
	// (PASSWORD_FILE, PASSWORD_MIN_LENGTH, TOKEN_URL).
	keyQualifier = `(?:[_.-]?\d{1,2}|[_.-](?:admin|root|prod|production|dev|development|test|staging|local|live|jwt|hmac|session|flask|django)(?:[_.-]?\d{1,2})?|[_.-]?(?:redis|mysql|postgres|mongo|smtp|ldap))?`
	// minPasswordLen is the shortest password-named value the weak-password
	// rules report. Shorter values are nearly all sentinels and
	// placeholders in real code (none, null, true, root, test, 1234), and
	// six is the shortest password most services accept.
	minPasswordLen = 6
	// minEnvPasswordLen is the shortest value reported under a password key
	// in .env, INI and Dockerfile assignments, where service defaults such as
	// MYSQL_ROOT_PASSWORD=root or PGADMIN_DEFAULT_PASSWORD=admin are real
	// credentials (the real-code corpus labels them so).
	minEnvPasswordLen = 4
)

// assignKey is the key of the generic assignment rules: a secretKey, or a
// key ending in pw (every other passwordKey is a secretKey too). One
// expression rather than an alternation of the two keeps the rules as fast
// as with secretKey alone; assignCheck tells password keys apart.
// Use inside a (?i) expression.
const assignKey = `[\w.-]*?(?:pass(?:w(?:or)?d|phrase)?|pwd|pw|secret|secret[_.-]?or[_.-]?key|secrect|sercet|token|pepper|credentials?|(?:api|access|private|auth|signing|encryption|master|account|secret|jwt|hmac)[_.-]?key|secret[_.-]?key[_.-]?base|(?-i:[A-Z0-9]_KEY)|(?:redis|smtp|mail|ftp|proxy)[_.-]?auth)` + keyQualifier

// assignQuoted captures a single- or double-quoted value of 6 or more
// characters, or of 4 or 5 without blanks (assignCheck requires 8 unless
// the key names a password, and 6 unless the value is a service's shipped
// password such as root).
const assignQuoted = `"([^"\r\n]{6,}|[^"\s]{4,5})"|'([^'\r\n]{6,}|[^'\s]{4,5})'`

// assignKeywords are the keywords of the rules whose match includes an
// assignKey. pw alone is two letters that random tokens hold once in a
// thousand characters, so it counts only with what follows the key or
// between quotes.
var assignKeywords = append(append([]string{}, secretKeywords...), "pw=", "pw:", "pw =", "pw :", "\"pw\"", "'pw'")

// secretKeywords are the keywords of rules whose match includes a
// secretKey: each secretKey, lower-cased, contains one of them. They are
// narrower than "key" alone, which would run the rules around every map key
// and keyboard in source code.
var secretKeywords = []string{"pass", "pwd", "secret", "secrect", "sercet", "token", "pepper", "credential", "_key", "-key", ".key", "apikey", "accesskey", "privatekey", "authkey", "signingkey", "encryptionkey", "masterkey", "accountkey", "jwtkey", "hmackey",
	"redis_auth", "redis-auth", "redis.auth", "redisauth", "smtp_auth", "smtp-auth", "smtp.auth", "smtpauth", "mail_auth", "mail-auth", "mail.auth", "mailauth",
	"ftp_auth", "ftp-auth", "ftp.auth", "ftpauth", "proxy_auth", "proxy-auth", "proxy.auth", "proxyauth"}

// spec describes one rule; build compiles it.
type spec struct {
	id, description string
	regex           string
	// path, when set, limits the rule to the files it matches (gitleaks'
	// rule path): the samples are checked as a file the path matches.
	path        string
	secretGroup int
	entropy     float64
	keywords    []string
	tags        []string
	// allow are extra allowlists; the shared placeholder filter is always added.
	allow []*config.Allowlist
	// weakOK rules report weak values (pass123, hunter22): they do not get
	// the shared filter of weak and word-like values, only the one of
	// references and placeholders.
	weakOK bool
	// proseOK rules report phrases of three or more words (a session
	// secret of 'keyboard cat' kind): they do not get the shared prose
	// filter.
	proseOK bool
	// check, when set, is run on each finding after the allowlists: it
	// keeps the finding when it returns true (for what a regular
	// expression cannot tell, such as a base64 user:password pair).
	check    func(match, secret string) bool
	tps, fps []string
}

type builtRule struct {
	rule     *config.Rule
	weakOK   bool
	proseOK  bool
	check    func(match, secret string) bool
	tps, fps []string
}

func (b builtRule) Rule() *config.Rule       { r := *b.rule; return &r }
func (b builtRule) TruePositives() []string  { return b.tps }
func (b builtRule) FalsePositives() []string { return b.fps }

// build compiles s into a Rule; an invalid spec is a programming error.
func build(s spec) Rule {
	r := &config.Rule{
		RuleID:      s.id,
		Description: s.description,
		Regex:       regexp.MustCompile(s.regex),
		SecretGroup: s.secretGroup,
		Entropy:     s.entropy,
		Keywords:    s.keywords,
		Tags:        append([]string{"secretsweep"}, s.tags...),
		Allowlists:  append([]*config.Allowlist{}, s.allow...),
	}
	if s.path != "" {
		r.Path = regexp.MustCompile(s.path)
	}
	if err := r.Validate(); err != nil {
		panic(fmt.Sprintf("rules: %s: %v", s.id, err))
	}
	return builtRule{rule: r, weakOK: s.weakOK, proseOK: s.proseOK, check: s.check, tps: s.tps, fps: s.fps}
}

// lineAllow is an allowlist on the whole line.
func lineAllow(desc string, exprs ...string) *config.Allowlist {
	return &config.Allowlist{Description: desc, RegexTarget: "line", Regexes: compileAll(exprs)}
}

// sourceCodeFiles matches the paths of program source files. In them an
// unquoted value after "key = " is an expression (a variable, a call, a
// symbol), never a literal, so the rules for unquoted INI-style values
// skip them; quoted literals in code are generic-secret-code's.
const sourceCodeFiles = `(?i)\.(?:rb|rake|js|mjs|cjs|jsx|ts|tsx|vue|svelte|coffee|py|pyi|java|kt|kts|scala|groovy|gradle|go|rs|c|cc|cpp|cxx|h|hh|hpp|cs|vb|fs|swift|m|mm|php|pl|pm|lua|dart|ex|exs|erl|clj|cljs|hs|ml|r|jl|erb|haml|slim|jbuilder|ejs|ipynb)$`

// sourceCodeAllow drops findings in program source files.
func sourceCodeAllow() *config.Allowlist {
	return &config.Allowlist{Description: "unquoted values in source code are expressions", Paths: compileAll([]string{sourceCodeFiles})}
}
