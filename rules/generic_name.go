package rules

import "strings"

// genericPasswordWords make up names that stand for a password
// (db_password, your_secret_key, postgres_root_pass, mypass).
var genericPasswordWords = map[string]bool{
	"db": true, "database": true, "user": true, "username": true, "root": true, "admin": true, "app": true, "application": true,
	"my": true, "your": true, "the": true, "a": true, "some": true, "secret": true, "password": true, "pass": true, "pwd": true,
	"passwd": true, "pw": true, "key": true, "token": true, "postgres": true, "postgresql": true, "pg": true, "mysql": true,
	"mariadb": true, "redis": true, "mongo": true, "mongodb": true, "rabbitmq": true, "default": true, "change": true, "me": true,
	"here": true, "strong": true, "secure": true, "dev": true, "local": true, "test": true, "new": true, "old": true,
	"example": true, "super": true, "service": true, "api": true, "sql": true, "server": true, "master": true, "value": true,
	"replace": true, "with": true, "set": true, "put": true, "insert": true, "enter": true, "random": true, "generated": true,
}

// passSuffixes end a word that names a password (mypass, userpassword).
var passSuffixes = []string{"password", "passwd", "pass", "pwd", "pw", "secret"}

// genericName reports a lower-case name made only of generic words, each
// alone or fused with a password suffix, one of which names a password
// (db_password, mypass, root-pw, passwd): a name standing for a password.
// A name with a word of its own (a project's: shopname_dev_password,
// shopname_pass) is a password someone set, and a service's default
// alone (postgres, admin123) names no password, nor does one word with
// digits after it (password123: labelled true 161 times in 192 in the
// real-code corpus).
func genericName(v string) bool {
	if v == "" || v == "secret" || strings.ToLower(v) != v {
		return false // secret alone is a stack's default password
	}
	words := strings.FieldsFunc(v, func(r rune) bool { return r == '_' || r == '-' })
	if len(words) == 1 && strings.TrimRight(v, "0123456789") != v {
		return false // password123, pass1: one word with digits is a password someone chose
	}
	named := false
	for _, w := range words {
		w = strings.TrimRight(w, "0123456789")
		if w == "" {
			continue
		}
		if passWords[w] {
			named = true
			continue
		}
		if genericPasswordWords[w] {
			continue
		}
		ok := false
		for _, suf := range passSuffixes {
			if p, found := strings.CutSuffix(w, suf); found && (p == "" || genericPasswordWords[p]) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
		named = true
	}
	return named
}

// passWords are the generic words that name a password or key.
var passWords = map[string]bool{"password": true, "passwd": true, "pass": true, "pwd": true, "pw": true, "secret": true, "key": true, "token": true}
