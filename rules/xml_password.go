package rules

import "github.com/zricethezav/gitleaks/v8/config"

// xmlPassword finds secrets in XML elements: Maven settings.xml <password>,
// Tomcat, Hibernate and .NET config files. A weak password in a
// password element is reported too, unless it is a bare word
// (assign_check.go).
func xmlPassword() Rule {
	return build(spec{
		id:          "xml-secret-element",
		description: "Literal secret in an XML element such as <password>",
		regex: `(?i)<((?:[\w.-]*:)?[\w.-]*?(?:passw(?:or)?d|passphrase|secret|token|api[_.-]?key|access[_.-]?key|private[_.-]?key))>` +
			`[ \t]*([^<\s}][^<\r\n]{5,}|[^<\s}]{4,5})</`, // four or five without blanks: <password>1234</password> of a Maven server
		secretGroup: 2,
		keywords:    []string{"pass", "secret", "token", "key>"},
		tags:        []string{"config", "xml"},
		weakOK:      true,
		allow:       []*config.Allowlist{passwordPlaceholders()},
		check:       assignCheck(false),
		tps: []string{
			"      <password>Jt6!vQ2mXk9r</password>\n",
			"<hibernate.connection.password>Rq8!vL2mXz7k</hibernate.connection.password>\n",
			"  <apiKey>4fG8hJ2kL9mN3pQ7rS1tV5wX</apiKey>\n",
			"      <password>nexus2019</password>\n",
			"<ns:password>s3cr3t!</ns:password>\n",
			"    <server>\n      <id>nexus</id>\n      <password>4711</password>\n    </server>\n",
		},
		fps: []string{
			"      <password>${env.NEXUS_PASSWORD}</password>\n",
			"      <password>{COQLCE6DU6GtcS5P=}</password>\n",
			"  <passwordPolicy>strict-default</passwordPolicy>\n",
			"      <password></password>\n",
			"      <password>changeme</password>\n",
			"      <password>Password</password>\n",
			"  <apiKey>abc12345</apiKey>\n",
			"      <password>abcd</password>\n",
			// Javadoc naming the element, not an element.
			"   * Reads what lies between {@code <secret>} and {@code </secret>}.\n",
		},
	})
}
