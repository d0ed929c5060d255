package rules

import (
	"strings"

	"github.com/zricethezav/gitleaks/v8/config"
)

// configPasswordPath matches an application's own configuration files,
// the ones it runs with as they are: Spring's application and bootstrap
// profiles, .properties files, Helm values, YAML config files of a
// config directory or named config (config.yaml, configs/app.yml), and
// Ansible inventories with their group_vars and host_vars.
const configPasswordPath = `(?i)(?:^|[\\/])(?:(?:application|bootstrap)(?:[-.][\w.-]+)?\.(?:properties|ya?ml)|[\w.-]+\.properties|values(?:[-.][\w.-]+)?\.ya?ml|config(?:[-.][\w.-]+)?\.ya?ml|configs?[\\/][\w.-]+\.ya?ml)$` +
	// Ansible inventories and their variables: what the playbooks configure.
	`|(?i)(?:^|[\\/])(?:inventory|hosts)(?:\.ini)?$|(?i)(?:^|[\\/])(?:group|host)_vars[\\/](?:[\w.-]+[\\/])?[\w.-]+$`

// configPassword finds a word-like password (oss_password, lash_password,
// mypass, xuhao) under a password key in an application's own config
// file: what the datasource or the service runs with. Elsewhere such
// values mostly stand for a password, so the other assignment rules drop
// snake_case names, words ending in pass and values under six
// characters; in a config file that is not a template the real-code
// corpus labels them credentials. Stated placeholders (your_password,
// change_me, example), lone filler words (password, secret), booleans and
// a value that repeats its key are not reported.
func configPassword() Rule {
	return build(spec{
		id:          "generic-secret-config-word",
		description: "Word-like password under a password key in an application's config file (Spring profile, .properties, Helm values, config YAML)",
		regex: `(?m)^[ \t]*(?:-[ \t]+)?(?:[A-Za-z][\w.-]*?(?:[Pp]assword|PASSWORD|[Pp]asswd|PASSWD|[Pp]wd|PWD|[_.-](?:pass|PASS))|[Pp]assword|[Pp]ass|[Pp]asswd|[Pp]wd)[ \t]*(?:=|:[ \t])[ \t]*` +
			`(?:"([a-z][a-z0-9_-]{2,39})"|'([a-z][a-z0-9_-]{2,39})'|([a-z][a-z0-9_-]{2,39}))[ \t]*(?:[ \t]#[^\r\n]*)?\r?$`,
		path:     configPasswordPath,
		keywords: []string{"pass", "pwd"},
		tags:     []string{"config", "live", "confidence:medium"}, // live: the value is what runs (scorer)
		weakOK:   true,
		allow: []*config.Allowlist{
			{Description: "templates of a config file and UI text", Paths: compileAll([]string{
				`(?i)(?:example|sample|template|tmpl|\.dist)[^/\\]*$`,
				`(?i)(?:^|[\\/])(?:messages|labels|strings|i18n|l10n|locales?|lang|translations?)(?:[_.-][\w.-]*)?(?:[\\/]|\.properties$)`,
				`(?i)(?:^|[\\/])\.github[\\/]`})},
		},
		check: configPasswordCheck,
		tps: []string{
			"spring.datasource.password=lash_password\n",
			"spring.redis.password=mypass\n",
			"spring:\n  datasource:\n    username: root\n    password: xuhao\n",
			"database:\n  password: oss_password\n",
			"db:\n  rootPassword: 'app'\n",
		},
		fps: []string{
			"spring.datasource.password=password\n",
			"spring.datasource.password=your_password\n",
			"spring.datasource.password=change_me\n",
			"spring.datasource.password=${DB_PASSWORD}\n",
			"password: secret_password_here\n",
			"label.password=password\n",
			"MYSQL_ALLOW_EMPTY_PASSWORD: yes\n",
			"  password: none\n",
			"  db_password: db_password\n",
			"  password: aaa\n",
			"  password: Password\n",
		},
	})
}

// configPasswordCheck drops stated placeholders, filler-only values,
// booleans and sentinels, one repeated letter, and a value that repeats
// its key (db_password: db_password).
func configPasswordCheck(match, secret string) bool {
	lower := strings.ToLower(secret)
	key := strings.ToLower(keyOf(match, secret))
	if i := strings.LastIndexAny(key, "."); i >= 0 {
		key = key[i+1:]
	}
	if strings.ReplaceAll(strings.ReplaceAll(key, "_", ""), "-", "") == strings.ReplaceAll(strings.ReplaceAll(lower, "_", ""), "-", "") {
		return false
	}
	if strings.Count(lower, lower[:1]) == len(lower) {
		return false // aaa
	}
	filler := true
	for _, w := range strings.FieldsFunc(lower, func(r rune) bool { return r == '_' || r == '-' }) {
		w = strings.TrimRight(w, "0123456789")
		if configPlaceholderWords[w] {
			return false
		}
		if !configFillerWords[w] {
			filler = false
		}
	}
	return !filler
}

// configPlaceholderWords mark a value as one that stands for a password to
// choose (your_password, change_me, put_password_here) or as a sentinel.
var configPlaceholderWords = map[string]bool{
	"your": true, "change": true, "changeme": true, "changeit": true, "replace": true, "here": true, "example": true,
	"sample": true, "dummy": true, "fake": true, "placeholder": true, "todo": true, "fixme": true, "xxx": true,
	"enter": true, "insert": true, "put": true, "set": true, "strong": true, "secure": true, "random": true,
	"generated": true, "none": true, "null": true, "nil": true, "true": true, "false": true, "yes": true, "no": true,
	"on": true, "off": true, "empty": true, "blank": true, "required": true, "optional": true, "string": true,
	"undefined": true, "unset": true, "test": true, "foo": true, "bar": true, "baz": true, "not": true,
}

// configFillerWords make up a value that names a password rather than
// being one when it holds nothing else (password, secret, pwd).
var configFillerWords = map[string]bool{
	"password": true, "passwd": true, "pass": true, "pwd": true, "pw": true, "secret": true, "token": true, "key": true,
	"value": true, "my": true, "the": true, "a": true,
}
