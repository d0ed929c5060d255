package rules

// ldifPassword finds the userPassword attribute of entries in LDIF files
// (the seed of an OpenLDAP directory: ldapadd -f init.ldif), in clear, as
// a {SSHA}/{CRYPT} hash or base64-encoded (userPassword::). Every such
// value logs into the directory or can be cracked offline, whatever its
// strength.
func ldifPassword() Rule {
	return build(spec{
		id:          "ldif-user-password",
		description: "userPassword of an entry in an LDIF file",
		regex:       `(?mi)^userPassword::?[ \t]*([^\s]{3,200})[ \t]*\r?$`,
		path:        `(?i)\.ldif$`,
		keywords:    []string{"userpassword"},
		tags:        []string{"config", "ldap", "credfile"},
		weakOK:      true,
		tps: []string{
			"dn: uid=zork,ou=people,dc=example,dc=org\nobjectClass: inetOrgPerson\nuserPassword: zork4711\n",
			"userPassword: {SSHA}Qx8vL2mZ0fK3nR7tW9bY2cH5jD8gA1Tq\n",
			"userPassword:: em9yazQ3MTE=\n",
			"userPassword: admin\n",
		},
		fps: []string{
			"userPassword: ${LDAP_ADMIN_PASSWORD}\n",
			"userPassword: {{ ldap_password }}\n",
			"# userPassword:\n",
			"userPassword: <password>\n",
		},
	})
}
