package rules

// xmlUserPassword finds the password attribute of a user element in XML
// configuration: ASP.NET forms authentication credentials in Web.config
// (<credentials passwordFormat="Clear"><user name="…" password="…"/>) and
// Tomcat's tomcat-users.xml (<user username="…" password="…" roles="…"/>).
// These are the accounts the server accepts, so every password there is a
// credential whatever its strength; references and placeholders
// (<must-be-changed>, ${…}) are dropped by the shared filter.
func xmlUserPassword() Rule {
	return build(spec{
		id:          "xml-user-password",
		description: "Password attribute of a user element in XML configuration (Web.config forms credentials, tomcat-users.xml)",
		regex:       `(?i)<user\s[^<>]*?\b(?:user)?name\s*=\s*"[^"<>]+"[^<>]*?\bpassword\s*=\s*"([^"\r\n]{3,})"`,
		path:        `(?i)\.(?:config|xml)$`,
		secretGroup: 1,
		keywords:    []string{"<user"},
		tags:        []string{"config", "xml", "credfile"},
		weakOK:      true,
		tps: []string{
			"        <user name=\"zork\" password=\"gnome4711\" />\n",
			"  <user username=\"deployer\" password=\"Qx7!vL2m\" roles=\"manager-script\"/>\n",
			"<user name=\"mario\" password=\"plumber\"/>\n",
		},
		fps: []string{
			"  <user username=\"tomcat\" password=\"<must-be-changed>\" roles=\"tomcat\"/>\n",
			"  <user name=\"app\" password=\"${APP_PASSWORD}\"/>\n",
			"  <user name=\"app\" password=\"\"/>\n",
			"  <user name=\"app\" passwordFormat=\"Clear\"/>\n",
			"  <userSettings password=\"Qx7!vL2m\"/>\n",
		},
	})
}
