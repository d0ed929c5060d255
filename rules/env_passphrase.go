package rules

import (
	"strings"

	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/regexp"
)

// envPassphrase finds a passphrase of several words set for an environment
// variable that names a password or secret: compose and Kubernetes env
// (SA_PASSWORD: "…"), Dockerfile ENV, .env files and shell exports. Every
// other rule drops a value of three or more words as prose; a variable a
// service reads its password from holds no sentence for a reader, so there
// the words are the passphrase. Program source is left out: constants there
// hold messages (PASSWORD_HINT = "Must be 8 characters").
func envPassphrase() Rule {
	return build(spec{
		id:          "env-passphrase",
		description: "Passphrase of several words set for a password- or secret-named environment variable",
		regex: `(?m)(?:^|[ \t"'-])(?:export[ \t]+|ENV[ \t]+|ARG[ \t]+)?[A-Z0-9_]*?(?:PASSWORD|PASSWD|PASSPHRASE|PASS|PWD|SECRET)(?:_[A-Z0-9]+){0,2}["']?[ \t]*[:=][ \t]*` +
			`(?:"([A-Za-z0-9][^"\r\n$]* [^"\r\n$]*[^ "\r\n$])"|'([A-Za-z0-9][^'\r\n$]* [^'\r\n$]*[^ '\r\n$])')`,
		keywords: []string{"pass", "pwd", "secret"},
		tags:     []string{"config", "password"},
		weakOK:   true,
		proseOK:  true,
		allow: []*config.Allowlist{passphrasePlaceholders(),
			{Description: "program source", Paths: compileAll([]string{sourceCodeFiles})}},
		check: passphraseCheck,
		tps: []string{
			"    environment:\n      SA_PASSWORD: \"Zork is geen sterk wachtwoord\"\n",
			"FROM alpine\nENV DOCKER_ENV_PASSWORD=\"This is zork\"\n",
			"export SECRET_VALUE=\"zork cannot handle this\"\n",
			"MAIL_PASSWORD='kitten lesser zork karate'\n",
		},
		fps: []string{
			"SECRET_KEY=\"change this to something random\"\n",
			"DB_PASSWORD=\"your password here\"\n",
			"ADMIN_PASSWORD=\"Enter the admin password\"\n",
			"SECRET_KEY='generate with openssl rand -hex 32'\n",
			"PASSWORD_HINT = \"Must be 8 characters\"\n",
			"  ERROR_PASSWORD: \"Password is too short\"\n",
			"DB_PASSWORD=\"$(cat /run/secrets/db)\"\n",
			"DB_PASSWORD=\"${DB_PASSWORD:-zork four}\"\n",
		},
	})
}

// passphraseWords match words of instructions, messages and labels, which
// a chosen passphrase does not hold.
var passphraseWords = regexp.MustCompile(`(?i)\b(?:change|replace|put|set|enter|type|your|here|something|random|generate[ds]?|insert|fill|must|should|please|use|used|using|todo|fixme|required|invalid|incorrect|wrong|too|characters?|chars|openssl|rand|at least|min(?:imum)?|max(?:imum)?|e\.g|example|secret key|not set|none|null|empty|whatever|password|passwords|token|error|failed|missing|hint)\b`)

// passphraseCheck drops instructions, messages and labels, and a value
// whose key is a hint, label, message or prompt.
func passphraseCheck(match, secret string) bool {
	key := strings.ToUpper(keyOf(match, secret))
	for _, w := range []string{"HINT", "LABEL", "MSG", "MESSAGE", "PROMPT", "ERROR", "TEXT", "TITLE", "HELP", "DESC"} {
		if strings.Contains(key, w) {
			return false
		}
	}
	return len(secret) <= 80 && !passphraseWords.MatchString(secret) && len(strings.Fields(secret)) <= 10
}

// passphrasePlaceholders is envPasswordPlaceholders without its
// expressions that take any run of words for a label.
func passphrasePlaceholders() *config.Allowlist {
	a := envPasswordPlaceholders()
	keep := a.Regexes[:0]
	for _, re := range a.Regexes {
		if !re.MatchString("zork quux blarg") {
			keep = append(keep, re)
		}
	}
	a.Regexes = keep
	return a
}
