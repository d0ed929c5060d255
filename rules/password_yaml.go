package rules

import "github.com/zricethezav/gitleaks/v8/config"

// passwordYAML finds passwords of any strength in YAML mappings under a
// password-named key (compose environment maps, Spring, Ansible vars,
// database.yml). A bare word is a label or a name there (password:
// Passwort in a locale file), so an unquoted or quoted value needs a
// digit or a symbol; source files are skipped (object literals are
// generic-weak-password-code's).
func passwordYAML() Rule {
	return build(spec{
		id:          "generic-weak-password-yaml",
		description: "Password of any strength assigned to a password-named key in a YAML file",
		regex: `(?im)^[ \t]*(?:-[ \t]+)?` + passwordKey + `[ \t]*:[ \t]+(?:"([^"\r\n]{6,})"|'([^'\r\n]{6,})'` +
			"|([^\\s'\"&*!|>\\[{%@`#][^\\s]{4,}[^\\s,;]))[ \\t]*(?:#.*)?\\r?$",
		keywords: passwordKeywords,
		tags:     []string{"yaml", "password"},
		weakOK:   true,
		allow: []*config.Allowlist{passwordPlaceholders(), sourceCodeAllow(), expressionAllow(),
			{Description: "words: labels and names", Regexes: compileAll([]string{`^[A-Za-z_-]+$`})}},
		tps: []string{
			"production:\n  adapter: mysql2\n  username: shop\n  password: shop2019\n",
			"environment:\n  MYSQL_ROOT_PASSWORD: hunter22\n",
			"spring:\n  datasource:\n    password: 'pass123'\n",
			"  db_pass: \"s3cr3t!\"\n",
		},
		fps: []string{
			"  password: Passwort\n",
			"  password: ${DB_PASSWORD}\n",
			"  password: changeme\n",
			"  password: <%= ENV['DB_PASSWORD'] %>\n",
			"  password: \"{{ vault_db_password }}\"\n",
			"  password: !vault |\n",
			"  password: user.password\n",
			"  password: ~\n",
			"  password: \"Enter your password\"\n",
		},
	})
}
