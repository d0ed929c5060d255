package rules

// vscodeConnection finds passwords in the database connections VS Code
// extensions save in a project's .vscode/settings.json (SQLTools'
// sqltools.connections, the mssql extension's mssql.connections): every
// password there is what the editor logs into the database with, however
// weak. Committed with the workspace, it leaks with it.
func vscodeConnection() Rule {
	return build(spec{
		id:          "vscode-connection-password",
		description: "Database password saved in a VS Code workspace's connection settings",
		regex:       `(?i)"(?:password|pass|pwd)"[ \t]*:[ \t]*"([^"\\\r\n]{1,128})"`,
		path:        `(?:^|/)\.vscode/settings\.json$`,
		keywords:    []string{"pass", "pwd"},
		tags:        []string{"config", "database", "credfile"},
		weakOK:      true,
		check:       assignCheck(true),
		tps: []string{
			"{\n  \"sqltools.connections\": [\n    {\n      \"driver\": \"MariaDB\",\n      \"server\": \"localhost\",\n      \"username\": \"root\",\n      \"password\": \"zork4711\",\n      \"database\": \"lovehome\"\n    }\n  ]\n}\n",
			"{\"mssql.connections\": [{\"server\": \"db\", \"user\": \"sa\", \"password\": \"Quux!Gnome9\"}]}\n",
		},
		fps: []string{
			"{\n  \"sqltools.connections\": [{\"driver\": \"PostgreSQL\", \"password\": \"${env:PGPASSWORD}\"}]\n}\n",
			"{\n  \"sqltools.connections\": [{\"askForPassword\": true, \"password\": \"\"}]\n}\n",
			"{\"sqltools.connections\": [{\"password\": \"<password>\"}]}\n",
		},
	})
}
