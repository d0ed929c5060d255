package rules

import (
	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/regexp"
)

// setterCall finds a literal passed alone to a setter or builder method
// named after a password or secret: Java's dataSource.setPassword("…"),
// config.setClientSecret("…"), Spring Security's
// User.withUsername("u").password("…"), Testcontainers' withPassword("…"),
// Kotlin and C# builders, and a page object's enterPassword("…"). The method name is the key, judged as an
// assignment's (assign_check.go): a weak password is reported, a bare word
// only when it was chosen (chosenWord), four or more digits always.
func setterCall() Rule {
	return build(spec{
		id:          "setter-call-secret",
		description: "Literal passed to a password- or secret-named setter or builder method",
		regex: `(?i)\.(?:(?:set|with|enter|type|fill|input)_?\w*?(?:passw(?:or)?d|passwd|pwd|pass|secret|api_?key|access_?key|secret_?key|auth_?token|access_?token)|passw(?:or)?d|pwd|pass|secret)\([ \t]*` +
			`(?:"([^"\r\n]{6,}|\d{4,5})"|'([^'\r\n]{6,}|\d{4,5})')[ \t]*\)`,
		keywords: []string{"pass", "pwd", "secret", "key(", "token("},
		tags:     []string{"code", "password"},
		path:     sourceCodeFiles,
		weakOK:   true,
		allow:    []*config.Allowlist{passwordPlaceholders()},
		check:    setterCheck,
		tps: []string{
			"        dataSource.setPassword(\"zork4711\");\n",
			"        dataSource.setPassword(\"4711\");\n",
			"    cfg.setClientSecret(\"Zq8vL2mXr7kTn4Wb\");\n",
			"        .username(\"zork\").password(\"Zork!4711\")\n",
			"    new PostgreSQLContainer<>(\"postgres:16\").withPassword(\"zork4711\")\n",
			"    mail.setSmtpPassword('kiwi2024x')\n",
			"    client.setApiKey(\"q8Lm2vRz7kXp4Tn9Wb3c\");\n",
			"        loginPage.enterPassword(\"zork4711\");\n",
		},
		fps: []string{
			"        dataSource.setPassword(password);\n",
			"        dataSource.setPassword(env.getProperty(\"db.password\"));\n",
			"        dataSource.setPassword(\"\");\n",
			"        dataSource.setPassword(\"changeme\");\n",
			"        form.setPasswordLabel(\"Password\");\n",
			"        user.setPassword(\"Password\");\n",
			"    assert_equal user, user.authenticate_password(\"zork4711\")\n",
			"    if (!encoder.matches(user.checkPassword(\"zork4711\"))) {\n",
			"        field.setPasswordVisible(\"hidden\");\n",
		},
	})
}

// setterCheck judges the value as an assignment's under the method name
// with its set/with prefix dropped (setPassword is the key password).
func setterCheck(match, secret string) bool {
	return codeCheck(setterPrefix.ReplaceAllString(match, "."), secret)
}

// setterPrefix matches the set or with prefix of a setter's name.
var setterPrefix = regexp.MustCompile(`(?i)\.(?:set|with|enter|type|fill|input)_?`)
