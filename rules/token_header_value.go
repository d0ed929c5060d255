package rules

// tokenHeaderValue finds a Django REST framework token written as the
// value of an Authorization header without the header's name: the string
// "Token <40 hex digits>" a client builds its headers from
// (tok_str = 'Token 9944b0…', axios.defaults.headers.common = …). DRF's
// authtoken keys are exactly 40 lower-case hex digits; authorization-header
// reads the ones written after "Authorization".
func tokenHeaderValue() Rule {
	return build(spec{
		id:          "drf-token-header-value",
		description: "Django REST framework token in a header value (Token <40 hex>)",
		regex:       "[\"'`]Token[ \\t]+([0-9a-f]{40})[\"'`]",
		keywords:    []string{"token "},
		tags:        []string{"http", "confidence:high"},
		tps: []string{
			"    //let tok_str='Token 9e4c1a7f3b8d2e6a0c5f9b1d7e3a8c2f4b6d0e9a';\n",
			"const headers = { headers: { Authorization: \"Token 9e4c1a7f3b8d2e6a0c5f9b1d7e3a8c2f4b6d0e9a\" } }\n",
		},
		fps: []string{
			"const auth = `Token ${token}`\n",
			"msg = 'Token expired, please log in again'\n",
			"tok = 'Token 9e4c1a7f3b8d2e6a0c5f9b1d'\n",
		},
	})
}
