package rules

import (
	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/regexp"
)

// xmlNameValue finds a secret in a Hadoop-style configuration property,
// <property><name>javax.jdo.option.ConnectionPassword</name>
// <value>…</value></property>: hive-site.xml's metastore password,
// core-site.xml's fs.s3a.secret.key, HBase and Spark settings. The
// property's name is the key, judged as an assignment's.
func xmlNameValue() Rule {
	return build(spec{
		id:          "xml-name-value-secret",
		description: "Secret in a Hadoop-style <name>/<value> configuration property (hive-site.xml, core-site.xml)",
		regex:       `(?i)<name>[ \t]*` + assignKey + `[ \t]*</name>\s*<value>[ \t]*([^<\s][^<\r\n]{3,}?)[ \t]*</value>`,
		keywords:    assignKeywords,
		tags:        []string{"config", "password"},
		path:        `(?i)\.xml$`,
		weakOK:      true,
		allow:       []*config.Allowlist{passwordPlaceholders()},
		check:       notExpression(nameCheck(propertyName)),
		tps: []string{
			"<property>\n  <name>javax.jdo.option.ConnectionPassword</name>\n  <value>123456</value>\n</property>\n",
			"<property>\n  <name>fs.s3a.secret.key</name>\n  <value>Zq8vL2mXr7kTn4Wb3c9dZorkZq8vL2mXr7kTn4Wb</value>\n</property>\n",
		},
		fps: []string{
			"<property>\n  <name>javax.jdo.option.ConnectionPassword</name>\n  <value>${env.HIVE_PW}</value>\n</property>\n",
			"<property>\n  <name>hadoop.security.credential.provider.path</name>\n  <value>jceks://hdfs/user/creds.jceks</value>\n</property>\n",
			"<property>\n  <name>dfs.block.access.token.enable</name>\n  <value>true</value>\n</property>\n",
			"<property>\n  <name>hive.metastore.password</name>\n  <value>changeme</value>\n</property>\n",
		},
	})
}

// propertyName matches the name element of a property.
var propertyName = regexp.MustCompile(`(?i)<name>[ \t]*([^<\s]+)`)
