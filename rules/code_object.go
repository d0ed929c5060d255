package rules

// codeObject finds a quoted literal that ends its line (or is followed only
// by a comment) under a
// secret-named key of an object literal or keyword arguments in program
// source files: the last property before a closing brace on the next line
// (login(app, {\n email: '…',\n password: '…'\n })), a Ruby hash or
// keyword argument. generic-secret-code needs a comma or a brace after the
// value to tell code from YAML, where key: 'value' ends the line too; this
// rule reads only source files, where YAML does not occur.
func codeObject() Rule {
	return codeLiteral(spec{
		id:          "generic-secret-code-object",
		description: "Quoted literal secret ending the line under a secret-named key of an object literal in source code",
		regex: `(?im)\b` + assignKey + confirmSuffix + `["']?[ \t]*:[ \t]*(?:"([^"\r\n]{6,})"|'([^'\r\n]{6,})'|\x60([^\x60\r\n$]{6,})\x60)` +
			`[ \t]*(?:(?://|#|/\*)[^\r\n]*)?\r?$`, // a trailing comment may follow; \r?$, not \r?\n: a match ending in CRLF would lose its submatch
		path: sourceCodeFiles,
		tps: []string{
			"    const { token } = await login(app, {\n      email: 'zork@example.org',\n      password: 'zork-4711'\n    })\n",
			"  cy.login({ email: 'admin' ,\n    password: 'Zork!Bogus#Login'\n  })\n",
			"  User.create!(email: \"zork@example.org\",\n    password: \"zork4711\"\n  )\n",
			"    'password': 'Zq2!vLm8Xr7k'\n  }\n",
			"  client_secret: `4fG8hJ2kL9mN3pQ7rS1tV5wX`\n",
			"    password_confirmation: \"zorkzork\"\n",
			"    username: 'gnome',\n    password: \"letmein\"\n",
			"    auth: {\n      user: 'zork@ethereal.email',\n      pass: '3E1xvZorkJ8sG92VX' // generated ethereal password\n    }\n",
			"  password: \"Zork4711xq\"  # prod\n",
		},
		fps: []string{
			"  password: 'Password'\n",
			"  password: 'password'\n",
			"  password: 'current-password'\n",
			"  password: process.env.DB_PASSWORD\n",
			"  token: 'abc12345'\n",
			"  password: '${DB_PASSWORD}'\n",
			"  password: 'zork4711',\n",
			"  label: 'Enter your password'\n",
			"  password: 'Zork4711xq' + suffix // built\n",
		},
	})
}
