package rules

import "github.com/zricethezav/gitleaks/v8/config"

// chpasswd finds the password a script sets for a system account by
// piping it to chpasswd or passwd: echo 'user:…' | chpasswd in a
// Dockerfile's RUN, echo -e "…\n…" | passwd user, printf, and
// (echo …; sleep 1; echo …) | passwd in provisioning scripts and the
// strings of tools that run them on a device. The account exists with
// that password wherever the script ran, weak or not.
func chpasswd() Rule {
	val := `([^\s"'|:;)\\$]{3,})`
	return build(spec{
		id:          "chpasswd-password",
		description: "Account password piped to chpasswd or passwd in a script",
		regex: `(?i)(?:\becho[ \t]+(?:-[en]+[ \t]+)*["']?[\w.@-]+:` + val + `["']?[ \t]*\|[ \t]*(?:sudo[ \t]+)?chpasswd\b` +
			`|\b(?:echo[ \t]+-[en]*e[en]*|printf)[ \t]+["']` + val + `\\{1,2}n[^"'\s]{3,}["'][ \t]*\|[ \t]*\(?(?:sudo[ \t]+)?passwd\b` +
			`|\([ \t]*echo[ \t]+["']?` + val + `["']?[ \t]*;[^|\r\n]*\)[ \t]*\|[ \t]*(?:sudo[ \t]+)?passwd\b)`,
		keywords: []string{"passwd"},
		tags:     []string{"shell", "password"},
		weakOK:   true,
		allow:    []*config.Allowlist{passwordPlaceholders()},
		check:    func(_, secret string) bool { return len(secret) <= 64 },
		tps: []string{
			"RUN echo 'root:Zork!4711' | chpasswd\n",
			"RUN echo \"zork:zork4711\" | sudo chpasswd && adduser zork sudo\n",
			"echo -e \"zork4711\\nzork4711\" | passwd root\n",
			"printf 'zork4711\\nzork4711\\n' | passwd zork\n",
			"echo -e \"zork4711\\nzork4711\" | (passwd root)\n",
			"gw.run_cmd('echo -e \"zork4711\\\\nzork4711\" | passwd root')\n",
			"res = exec_cmd(\"(echo zork; sleep 1; echo zork) | passwd root\")\n",
		},
		fps: []string{
			"RUN echo \"root:$ROOT_PASSWORD\" | chpasswd\n",
			"echo \"${USER}:${PASS}\" | chpasswd\n",
			"echo -e \"$PW\\n$PW\" | passwd root\n",
			"RUN echo 'root:changeme' | chpasswd\n",
			"cat users.txt | chpasswd\n",
		},
	})
}
