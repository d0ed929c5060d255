package rules

// dockerConfig finds registry credentials in docker config.json auths
// ("auth" is base64 of user:password) and identity tokens.
func dockerConfig() Rule {
	return build(spec{
		id:          "docker-config-auth",
		description: "Registry credential in a docker config.json auths entry",
		regex:       `(?i)"(?:auth|identitytoken)"[ \t]*:[ \t]*"([A-Za-z0-9+/_.=-]{12,})"`,
		entropy:     3,
		keywords:    []string{"\"auth\"", "\"identitytoken\""},
		tags:        []string{"config", "docker", "credfile"},
		tps: []string{
			"{\"auths\": {\"registry.internal.io\": {\"auth\": \"Y2ktYm90OlJ2OCFxTDJtWHo3aw==\"}}}\n",
			"      \"ghcr.io\": {\n        \"auth\": \"ZGVwbG95Okh4OXYhUW0yTHo3cg==\"\n      }\n",
		},
		fps: []string{
			"{\"auths\": {\"registry.internal.io\": {\"auth\": \"\"}}}\n",
			"{\"auths\": {\"ghcr.io\": {\"auth\": \"${DOCKER_AUTH}\"}}}\n",
			"{\"credsStore\": \"desktop\", \"auths\": {\"https://index.docker.io/v1/\": {}}}\n",
		},
	})
}
