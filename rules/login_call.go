package rules

import (
	"strings"

	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/regexp"
)

// loginCall finds literal passwords passed positionally to login and
// connect calls, and to the calls that create the accounts an application
// seeds (register_user("admin", "…"), createUser): smtplib/ftplib/imaplib
// login(user, "…"), client.login, .auth("user", "…") (request,
// superagent), ldap simple_bind_s, .NET NetworkCredential("user", "…"),
// JavaMail's PasswordAuthentication("user", "…").
// Database connect calls are db-connect-password's.
// Only a string literal is reported, not a variable, a call or a bare word
// (a mode or a label: login(user, "normal")).
func loginCall() Rule {
	return build(spec{
		id:          "login-call-password",
		description: "Literal password passed to a login or connect call",
		regex:       `(?i)(?:\.(?:login|auth|authenticate|simple_bind_s|simple_bind|bind_s)|\bNetworkCredential|\bPasswordAuthentication|\b(?:register|create|add)_?user)\([ \t]*` + callArg + callLit,
		keywords:    []string{"register_user(", "registeruser(", "create_user(", "createuser(", "add_user(", "adduser(", "login(", "auth(", "authenticate(", "bind_s(", "simple_bind(", "networkcredential(", "passwordauthentication("},
		tags:        []string{"code", "password"},
		weakOK:      true,
		allow: []*config.Allowlist{passwordPlaceholders(),
			{Description: "words: modes and labels", Regexes: compileAll([]string{`^[A-Za-z_-]+$`})}},
		check: loginCallCheck,
		tps: []string{
			"    server.login(\"alerts@shop.internal\", \"Sm7p2019\")\n",
			"ftp = FTP('ftp.internal'); ftp.login('backup', 'bkp2019')\n",
			"    client.login(user, 'hunter22')\n",
			"request.get(url).auth('svc', 'Rv8!qL2m', false)\n",
			"conn.simple_bind_s(\"cn=admin,dc=shop,dc=internal\", \"ldap2019\")\n",
			"var cred = new NetworkCredential(\"svc\", \"Sommer19\");\n",
			"return new PasswordAuthentication(\"shop@zork.invalid\", \"Sommer19\");\n",
			"        User.register_user(\"gnome\", \"gnome42\", \"gnome@zork.invalid\", False)\n",
			"  await createUser('admin', 'Zork!4711', { role: 'admin' })\n",
		},
		fps: []string{
			"    server.login(user, password)\n",
			"    server.login(os.environ['SMTP_USER'], os.environ['SMTP_PASS'])\n",
			"    client.login('admin', 'admin')\n",
			"    client.login(user, '<password>')\n",
			"    client.login(user, 'password')\n",
			"fn.bind(null, 'click')\n",
			"    client.login(user, '')\n",
			"    client.login('alice42', 'alice42')\n",
			"    token, uid = common.login(user, \"normal\", sid, origin_ip)\n",
			"User.objects.create_user('gnome', 'gnome@zork.invalid', 'gnome4711')\n",
			"  user = add_user(name, 'editor')\n",
		},
	})
}

// Fragments of the call rules (login-call-password, db-connect-password):
// an argument before the password (a literal, a name, a member or an
// index; the next may start on a new line, as Java's formatters wrap long
// calls), and the password literal, which ends the call or an argument.
const (
	callArg = `(?:"[^"\r\n]*"|'[^'\r\n]*'|[\w.$@\[\]'">:-]+)[ \t]*,\s*`
	callLit = `(?:"([^"\r\n]{4,})"|'([^'\r\n]{4,})')[ \t]*[,)]`
)

// loginCallCheck drops a password equal to a literal before it in the
// call (admin, admin).
// An e-mail address is no password: Django's create_user(name, email,
// password) passes it second.
func loginCallCheck(match, secret string) bool {
	head := match[:max(strings.LastIndex(match, secret), 0)]
	return !strings.Contains(head, `"`+secret+`"`) && !strings.Contains(head, `'`+secret+`'`) && !emailAddress.MatchString(secret)
}

// emailAddress matches an e-mail address.
var emailAddress = regexp.MustCompile(`^[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}$`)
