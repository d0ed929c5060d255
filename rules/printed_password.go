package rules

// printedPassword finds a password a script or seed prints for its user
// (echo "  - Password: postgres123", Write-Host "Password: redis123",
// print("admin password: Admin123!"), console.log('password = zork4711')):
// what setup and seed scripts show after they create an account or start
// a database. The value must mix letters and digits, as loginPair's does,
// so that prompts and messages ("Password: required") stay out.
func printedPassword() Rule {
	return build(spec{
		id:          "printed-password",
		description: "Password a script prints (echo, print, console.log, Write-Host)",
		regex: "(?i)(?:\\becho|\\bprintf?|\\bputs|\\bconsole\\.(?:log|info)|\\bWrite-(?:Host|Output)|\\blog(?:ger)?\\.info)\\b[^\\n]{0,80}?" +
			"(?:\\bpassword|\\bpasswd|\\bpwd|密码|contraseña|senha)[ \\t]*[:=][ \\t]*([^\\s\"'`,;)}]{4,64})",
		keywords: []string{"pass", "pwd", "密码", "contrase", "senha"},
		tags:     []string{"login", "confidence:medium"},
		weakOK:   true,
		check:    func(_, secret string) bool { return loginValue(secret) },
		tps: []string{
			"echo \"  - Password: zorkpg123\"\n",
			"Write-Host \"  - Password: zorkredis123\" -ForegroundColor Gray\n",
			"print(f\"admin password: Zork4711!\")\n",
			"console.log('Login with admin / password = zork4711');\n",
		},
		fps: []string{
			"echo \"Password: $DB_PASSWORD\"\n",
			"echo \"Password: required\"\n",
			"print(f\"Password: {password}\")\n",
			"console.log('password changed');\n",
			"echo \"Enter password:\"\n",
			"echo \"password: ${POSTGRES_PASSWORD:-changeme}\"\n",
		},
	})
}
