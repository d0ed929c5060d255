package rules

import "github.com/zricethezav/gitleaks/v8/config"

// commentedConfig finds a secret left in a commented-out line of a
// configuration file: an earlier datasource password kept as
// "#    password: 123456" in a Spring profile, "#spring.activemq.password=…"
// in a .properties file, a previous registry password in a pipeline's
// variables. The line is what the service ran with before, and uncommenting
// it is how it is used again. A bare word is left alone, since stock config
// files comment out their defaults (#login-password: admin); a value with
// a digit or a symbol, judged as the uncommented assignment's, is reported.
func commentedConfig() Rule {
	return build(spec{
		id:          "commented-config-secret",
		description: "Secret in a commented-out line of a configuration file (YAML, .properties, INI, TOML, .conf)",
		regex: `(?im)^[ \t]*(?:#|;|//)[ \t]*(?:-[ \t]+)?` + assignKey + `["']?[ \t]*(?:=|:[ \t])[ \t]*` +
			"(?:\"([^\"\\s]{4,})\"|'([^'\\s]{4,})'|([^\\s'\"&*!|>\\[{%`#$<][^\\s]{2,}[^\\s,;]))[ \\t]*,?[ \\t]*(?:#.*)?\\r?$",
		keywords: assignKeywords,
		tags:     []string{"config", "commented"},
		path:     `(?i)\.(?:ya?ml|properties|ini|cfg|conf|toml)$`,
		weakOK:   true,
		allow:    []*config.Allowlist{yamlPasswordPlaceholders()},
		check:    notExpression(commentedCheck),
		tps: []string{
			"spring:\n#  redis:\n#    password: 123456\n",
			"#spring.activemq.password=zork@mq\n",
			"variables:\n#  docker_pwd: ZorkClouds_168\n",
			"#        password: \"12345\"\n",
			"; db_password = Zork!4711\n",
		},
		fps: []string{
			"#login-password: admin\n",
			"#   password: secret\n",
			"# password: ${DB_PASSWORD}\n",
			"# password: <your password>\n",
			"#http_tls_key_password = secret\n",
			"# DB_PASSWORD=replace-me\n",
			"# token: the token used to log in\n",
			"#    password: changeme123\n",
		},
	})
}

// commentedCheck reports a commented value with a digit or a symbol that
// the uncommented assignment would report.
func commentedCheck(match, secret string) bool {
	return !wordOnly.MatchString(secret) && assignCheckWith(false, true, true)(match, secret)
}
