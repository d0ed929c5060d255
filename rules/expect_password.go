package rules

import "github.com/zricethezav/gitleaks/v8/config"

// expectPassword finds passwords in expect scripts, the usual way to
// automate an ssh, scp or su login that asks for one: a Tcl variable set
// to the password (set password "…" in a .exp file) and the literal sent
// in answer to a password prompt (expect "password:" { send "…\r" }, also
// in a shell here-document). A value holding $ or [ is a variable or a
// command, not a literal.
func expectPassword() Rule {
	return build(spec{
		id:          "expect-script-password",
		description: "Password set or sent in an expect script (ssh, scp and su logins)",
		regex: `(?im)(?:^[ \t]*set[ \t]+\w*(?:pass(?:w(?:or)?d)?|pwd|pw)\w*[ \t]+(?:"([^"$\[\r\n]{3,128})"|\{([^}\r\n]{3,128})\}|([^\s"${\[;]{3,128}))[ \t]*;?[ \t]*\r?$` +
			`|["{][^"\r\n}]*(?:assword|passphrase)[^"\r\n}]*["}][ \t]*\{?[ \t]*(?:\r?\n[ \t]*)?send[ \t]+(?:--[ \t]+)?"([^"$\[\\\r\n]{3,128})(?:\\r|\\n)?")`,
		keywords: []string{"pass", "pwd", "set pw"},
		tags:     []string{"script"},
		weakOK:   true,
		allow: []*config.Allowlist{passwordPlaceholders(),
			{Description: "Tcl set outside expect and Tcl scripts", RegexTarget: "match", Regexes: compileAll([]string{`(?i)^[ \t]*set[ \t]`}),
				Paths: compileAll([]string{`(?i)\.(?:ya?ml|json|toml|ini|conf|cfg|properties|md|txt|rst|vim|py|rb|js|ts|go|java|php|cs|sql|bat|cmd|ps1)$`}), MatchCondition: config.AllowlistMatchAnd}},
		tps: []string{
			"#!/usr/bin/expect\nset timeout -1\nset password \"Zk8#qP2mLx7v\"\nspawn ssh root@203.0.113.7\n",
			"set pass zork4711\n",
			"spawn ssh deploy@203.0.113.7\nexpect \"password:\"\nsend \"zork4711\\r\"\n",
			"expect {\n    \"password:\" { send \"zork4711\\r\"; exp_continue }\n}\n",
			"expect \"Enter passphrase for key\" {send \"zork-phrase-4711\\r\"}\n",
		},
		fps: []string{
			"set password [lindex $argv 0]\n",
			"set password $env(SSH_PASSWORD)\n",
			"expect \"password:\"\nsend \"$password\\r\"\n",
			"expect \"password:\" { send -- \"$env(PASS)\\r\" }\n",
			"set password \"changeme\"\n",
			"expect \"login:\"\nsend \"root\\r\"\n",
		},
	})
}
