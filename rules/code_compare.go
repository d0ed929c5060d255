package rules

import (
	"strings"

	"github.com/zricethezav/gitleaks/v8/config"
)

// codeCompare finds a password-named value compared with a quoted literal
// in code: req.body.password === '…', $password == "…", if password ==
// '…', pw.equals("…"), user.password === security.hash('…') (a stored
// hash compared with the hash of a literal). The literal is the password
// the code accepts. In a comparison a bare word is not a label, so words
// are reported too (placeholders such as password, secret or undefined
// are not), and so are four or five letters or digits: the PIN-like
// password a login page checks ($password === '…' beside the admin user),
// the word an admin sign-up checks; not the words of a field's state or
// type (text, null, true).
func codeCompare() Rule {
	return build(spec{
		id:          "code-password-comparison",
		description: "Password-named value compared with a literal in code",
		regex: `(?i)\b` + passwordKey + `["']?\]?[ \t]*(?:===?|!==?|\.equals(?:IgnoreCase)?\(|\beq\b)[ \t]*` +
			`(?:[\w.]*(?:hash|md5|sha\d*|digest|crypt)\w*\([ \t]*)?(?:"([^"\r\n]{6,})"|'([^'\r\n]{6,})'|"([A-Za-z0-9]{4,5})"|'([A-Za-z0-9]{4,5})')`,
		keywords: []string{"pass", "pwd", "secret", "pw =", "pw !", "pw.eq", "pw']", "pw\"]"},
		tags:     []string{"code", "password"},
		weakOK:   true,
		allow:    []*config.Allowlist{passwordPlaceholders()},
		check:    compareCheck,
		tps: []string{
			"  return req.body.email === 'x' && req.body.password === 'zork4711'\n",
			"\t\t\tif ($username == \"zork\" && $password == \"becarefulzork\") {\n",
			"    if (pw.equals(\"Zork!4711\")) {\n",
			"if password == 'Olifantzork':\n",
			"  unless params[:password] == \"zork-4711\"\n",
			"if ($_POST['pass'] !== 'zork4711') { die(); }\n",
			"  () => user.id === 3 && user.password === security.hash('zorkCl4ssic')\n",
			"if ($pass == md5(\"zork4711\")) {\n",
			"\t} elseif ($username === 'zork' && $password === '4711') {\n",
			"        if (req.body.admin_password == 'zorky') {\n",
		},
		fps: []string{
			"  if (user.password === security.hash(req.body.password)) {\n",
			"  if (password == 'password') {\n",
			"  if (password === undefined) {\n",
			"  if (password === '') {\n",
			"  if (typeof password === 'string') {\n",
			"  if (passwordType === 'text') {\n",
			"  if (bypass === 'always') {\n",
			"  password = 'zork4711'\n",
			"  if (user.password === security.hash(user.email)) {\n",
			"  if (password === hashPassword('password')) {\n",
			"  if (password === 'text') {\n",
			"  if (passwd == 'null') {\n",
			"  if (password !== 'true') {\n",
		},
	})
}

// compareStates are short words a password-named value is compared with
// that are no password: a field's type or state, a language's constants.
var compareStates = map[string]bool{"text": true, "null": true, "none": true, "true": true, "false": true, "nil": true,
	"blank": true, "empty": true, "hide": true, "show": true, "auto": true, "undef": true, "type": true, "plain": true,
	"basic": true, "token": true, "local": true, "error": true, "valid": true, "weak": true, "strong": true, "good": true, "fair": true}

// compareCheck drops a short literal that names a state or type.
func compareCheck(match, secret string) bool {
	return len(secret) > 5 || !compareStates[strings.ToLower(secret)]
}
