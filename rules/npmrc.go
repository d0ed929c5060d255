package rules

// npmrc finds registry credentials in .npmrc (_authToken, _auth, _password)
// and .yarnrc.yml (npmAuthToken, npmAuthIdent).
func npmrc() Rule {
	return build(spec{
		id:          "npmrc-auth-token",
		description: "Registry credential in .npmrc or .yarnrc.yml",
		regex:       `(?i)(?:^|[\s:"'])(?:_authToken|_auth|_password|npmAuthToken|npmAuthIdent|npmPassword)["']?[ \t]*[=:][ \t]*["']?([^\s'"]{8,})`,
		entropy:     3,
		keywords:    []string{"_auth", "_password", "npmauth", "npmpassword"},
		tags:        []string{"config", "npm", "credfile"},
		tps: []string{
			"//registry.npmjs.org/:_authToken=npm_Zk8vL2mQ9xR7Tp3Wb5Nc1Hs4Dg6Ae0Uo2Iq\n",
			"//npm.pkg.internal.io/:_auth=Y2ktYm90OlJ2OCFxTDJtWHo3aw==\n",
			"npmRegistries:\n  \"https://npm.internal.io\":\n    npmAuthToken: \"8f2c7a1e-9d4b-4c6a-b3f5-0e8d2a7c1b9f\"\n",
		},
		fps: []string{
			"//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n",
			"  SNOWFLAKE_PASSWORD: prod/snowflake:password\n",
			"npmAuthToken: \"${NPM_AUTH_TOKEN}\"\n",
			"//npm.pkg.github.com/:_authToken=$GITHUB_TOKEN\n",
		},
	})
}
