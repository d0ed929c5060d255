package rules_test

import "testing"

// TestConfigPasswordPaths: generic-secret-config-word reads an
// application's own config files, not their templates, UI text, CI
// workflows or source code.
func TestConfigPasswordPaths(t *testing.T) {
	checkRulePaths(t, "generic-secret-config-word", "  password: zork_pass\n", []pathCase{
		{"src/main/resources/application.yml", true},
		{"src/main/resources/application-dev.yaml", true},
		{"src/main/resources/bootstrap.yml", true},
		{"config-repo/redis-cache.properties", true},
		{"charts/db/values.yaml", true},
		{"deploy/values-prod.yaml", true},
		{"config.yaml", true},
		{"configs/server.yml", true},
		{"inventory", true},
		{"deploy/hosts.ini", true},
		{"group_vars/all.yml", true},
		{"inventories/prod/group_vars/all", true},
		{"roles/web/vars/main.yml", false},
		{"src/main/resources/application-example.yml", false},
		{"config.sample.yaml", false},
		{"src/main/resources/messages.properties", false},
		{"src/main/resources/i18n/messages_de.properties", false},
		{"config/locales/en.yml", false},
		{".github/workflows/config.yml", false},
		{"docker-compose.yml", false},
		{"README.md", false},
		{"app/settings.py", false},
	})
}
