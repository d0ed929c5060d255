package rules

// jwkPrivate finds the private members of a JSON Web Key (d, p, q, dp,
// dq, qi of RSA, EC and OKP keys; k of symmetric "oct" keys) in JSON, YAML
// or code, in an object that has a "kty" within a few lines before or
// after the member. A public key (n, e, x, y) is not reported.
func jwkPrivate() Rule {
	const (
		// q is an optional quote, escaped or not ({\"kty\":\"EC\"} in a string).
		q      = `(?:\\?["'])?`
		kty    = q + `kty` + q + `[ \t]*[:=][ \t]*` + q + `(?:RSA|EC|oct|OKP)\b`
		member = q + `\b(?:d|p|q|dp|dq|qi|k)\b` + q + `[ \t]*[:=][ \t]*` + q + `([A-Za-z0-9_-]{22,})`
		// up to 14 more lines, lazily: the nearest member or kty
		lines = `(?:[^\n]*?\n){0,14}?[^\n]*?`
	)
	return build(spec{
		id:          "jwk-private-key",
		description: "Private member of a JSON Web Key (JWK)",
		regex:       kty + lines + member + `|` + member + lines + kty,
		entropy:     3.5,
		keywords:    []string{"\"kty\"", "'kty'", "kty:", "kty\\\"", "kty ="},
		tags:        []string{"provider", "key"},
		tps: []string{
			"{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\",\"d\":\"Jq8vL2mXz7Tk9Rw3Bn5Cy1Hd4Fg6Ja0Ue2Io8Pl7Sx\"}\n",
			"{\n  \"d\": \"Jq8vL2mXz7Tk9Rw3Bn5Cy1Hd4Fg6Ja0Ue2Io8Pl7Sx\",\n  \"crv\": \"P-256\",\n  \"kty\": \"EC\"\n}\n",
			"jwk:\n  kty: oct\n  alg: HS256\n  k: Rw3Bn5Cy1Hd4Fg6Ja0Ue2Io8Pl7SxJq8vL2mXz7Tk9\n",
			"JWK = \"{\\\"kty\\\":\\\"oct\\\",\\\"k\\\":\\\"Rw3Bn5Cy1Hd4Fg6Ja0Ue2Io8Pl7SxJq8vL2mXz7Tk9\\\"}\"\n",
			"key = {'kty': 'RSA', 'e': 'AQAB', 'n': 'sXchDaQebHnPiGvyDOAT4saGEUetSyo9MKLOoWFsueri', 'p': 'Bn5Cy1Hd4Fg6Ja0Ue2Io8Pl7SxJq8vL2mXz7Tk9Rw3'}\n",
		},
		fps: []string{
			"{\"kty\":\"RSA\",\"e\":\"AQAB\",\"n\":\"sXchDaQebHnPiGvyDOAT4saGEUetSyo9MKLOoWFsueri\",\"kid\":\"2011-04-29\"}\n",
			"{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\",\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"}\n",
			"{\"d\": \"Jq8vL2mXz7Tk9Rw3Bn5Cy1Hd4Fg6Ja0Ue2Io8Pl7Sx\", \"type\": \"path\"}\n",
			"{\"kty\":\"oct\",\"k\":\"<your-signing-key>\"}\n",
		},
	})
}
