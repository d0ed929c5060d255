package rules

// demoPassword finds the shared password of a public practice site that
// UI-test suites log in to, wherever it is written: a fixture, a test, a
// config default, the docs telling to store it as a CI secret. SauceDemo's
// secret_sauce reads as a snake_case name, which the assignment rules take
// for a placeholder; it is the login every copy of such a suite uses.
func demoPassword() Rule {
	return build(spec{
		id:          "demo-site-password",
		description: "Shared password of a public practice site (SauceDemo) that UI tests log in with",
		regex:       `(?:^|[^\w])(secret_sauce)(?:[^\w]|$)`,
		keywords:    []string{"secret_sauce"},
		tags:        []string{"password", "login"},
		weakOK:      true,
		tps: []string{
			"{\"username\": \"standard_user\", \"password\": \"secret_sauce\"}\n",
			"    cy.get('#password').type('secret_sauce')\n",
			"CYPRESS_PWD = secret_sauce\n",
		},
		fps: []string{
			"our secret_sauce_factor = 3\n",
			"the_secret_sauce is caching\n",
		},
	})
}
