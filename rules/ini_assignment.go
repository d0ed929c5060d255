package rules

// iniAssignment finds unquoted values assigned with spaces around "=":
// .pypirc, .properties, php.ini, setup.cfg and other INI-style files.
func iniAssignment() Rule {
	return build(spec{
		id:          "generic-secret-ini",
		description: "Literal secret assigned to a secret-named key in an INI or properties file",
		regex: `(?im)^[ \t]*` + secretKey + `(?:[ \t]+=[ \t]*|=[ \t]+)` +
			"([^\\s'\"`$%{<(\\[][^\\s]{7,})[ \\t]*\\r?$",
		entropy:  3,
		keywords: secretKeywords,
		tags:     []string{"config", "ini"},
		tps: []string{
			"[pypi]\nusername = deploy\npassword = Lr8!vQ2mXz7k\n",
			"spring.datasource.password = Hx9v!Qm2Lz7r\n",
			"[client]\npassword = 7Gq!m2LxVz9p\n",
		},
		fps: []string{
			"password = get_password()\n",
			"password = self._password\n",
			"token = os.environ[\"API_TOKEN\"]\n",
			"password = var.db_password\n",
			"token = data.vault_generic_secret.api.data[\"token\"]\n",
			"password = None\n",
			"\t\t\tv.AccessKey = &types.AccessKey{}\n",
			"password = %(DB_PASSWORD)s\n",
		},
	})
}
