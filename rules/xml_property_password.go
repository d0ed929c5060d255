package rules

import (
	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/regexp"
)

// xmlPropertyPassword finds secrets set as a name/value attribute pair in
// XML configuration: Spring and MyBatis datasource beans (<property
// name="password" value="…"/>), .NET appSettings (<add key="DbPassword"
// value="…"/>), Axis and servlet parameters (<parameter
// name="adminPassword" value="…"/>), and Hibernate's element-text form
// (<property name="hibernate.connection.password">…</property>). Such a file configures the running
// application, as a .env does: a weak password there is what the
// database or the admin account runs with. Form inputs and other markup
// are not read: only configuration elements, and only in XML and .config
// files.
func xmlPropertyPassword() Rule {
	return build(spec{
		id:          "xml-property-secret",
		description: "Secret set by a name/value attribute pair in XML configuration (Spring bean property, .NET appSettings)",
		regex: `(?i)<(?:[\w.-]+:)?(?:property|parameter|param|add|entry|setting|constant|attribute|env|context-param|init-param)\s[^<>]*?\b(?:name|key)[ \t]*=[ \t]*"` +
			assignKey + `"(?:[^<>]*?\bvalue[ \t]*=[ \t]*"([^"\r\n]{3,})"|[ \t]*>[ \t]*([^<>\s][^<>\r\n]{2,}?)[ \t]*</(?:[\w.-]+:)?(?:property|parameter|param|entry|setting|constant|attribute|env)>)`,
		path:     `(?i)\.(?:xml|config|wsdd)$`,
		keywords: assignKeywords,
		tags:     []string{"config", "xml", "live"}, // live: the value is what the app runs with (scorer)
		weakOK:   true,
		allow:    []*config.Allowlist{envFilePlaceholders()}, // as in a .env: userpassword is a password here
		check:    xmlPropertyCheck,
		tps: []string{
			"    <bean id=\"dataSource\" class=\"com.mchange.v2.c3p0.ComboPooledDataSource\">\n        <property name=\"user\" value=\"root\" />\n        <property name=\"password\" value=\"zork4711\" />\n",
			"\t<property name=\"password\" value=\"123456\"/>\n",
			"  <property name=\"jdbc.password\" value=\"zorkpassword\"/>\n",
			"  <appSettings>\n    <add key=\"DbPassword\" value=\"Zk8#qP2mLx7v\" />\n  </appSettings>\n",
			"<ns1:parameter name=\"adminPassword\" value=\"zorkadmin\"/>\n",
			"        <property name=\"hibernate.connection.password\">zork4711</property>\n",
			"        <property name=\"connection.password\">123456</property>\n",
		},
		fps: []string{
			"  <property name=\"password\" value=\"${jdbc.password}\"/>\n",
			"  <property name=\"password\" value=\"#{systemProperties['db.password']}\"/>\n",
			"  <property name=\"password\" value=\"\"/>\n",
			"  <property name=\"tokens\" value=\"STRING_LITERAL, CHAR_LITERAL\"/>\n",
			"  <property name=\"passwordEncoder\" ref=\"encoder\"/>\n",
			"  <add key=\"ApiKey\" value=\"abc12345\" />\n",
			"  <property name=\"password\" value=\"password\"/>\n",
			"        <property name=\"hibernate.connection.password\">${db.password}</property>\n",
			"        <property name=\"hibernate.connection.password\"></property>\n",
		},
	})
}

// xmlPropertyKey captures the name or key attribute of a name/value pair.
var xmlPropertyKey = regexp.MustCompile(`(?i)\b(?:name|key)[ \t]*=[ \t]*"([^"]+)"`)

// xmlPropertyCheck judges the value by the pair's name as a config file's
// assignment is judged: under a password name any literal that is not a
// placeholder, however weak.
func xmlPropertyCheck(match, secret string) bool {
	m := xmlPropertyKey.FindAllStringSubmatch(match, -1)
	if m == nil {
		return false
	}
	key := m[len(m)-1][1]
	return assignCheckKeys(true, false)(key+`="`+secret, secret)
}
