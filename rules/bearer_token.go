package rules

// bearerToken finds bearer tokens without their header name: the header
// values that HTTP cassettes (VCR YAML lists), Postman collections, HAR
// files and test fixtures record apart from "Authorization". A generic
// rule, it gives way to authorization-header, curl-auth-header and jwt
// when they report the same token.
func bearerToken() Rule {
	return build(spec{
		id:          "generic-bearer-token",
		description: "Bearer token recorded as a header value (HTTP cassette, Postman collection, HAR file, fixture)",
		regex:       `(?i)(?:^|[\s"'\x60\[(=:,])bearer[ \t]+([A-Za-z0-9_~+/.-]{16,}=*)(?:[\s"'\x60\]),;]|\\[nr"]|$)`,
		entropy:     3.5,
		keywords:    []string{"bearer "},
		tags:        []string{"http"},
		tps: []string{
			"      Authorization:\n      - Bearer 8c1f7a2e9d4b6c3a0f5e8d2b7c4a9e1f\n",
			"{\"key\": \"Authorization\", \"value\": \"Bearer ya29.a0Kq7vL2mXz9TpRw3Bn5Cy1Hd4Fg6Ja0Ue2Io8Pl7SxWz3Nc5Hs1Dg4Ae6Uo0Iq2\", \"type\": \"text\"}\n",
			"        {\"name\": \"authorization\", \"value\": \"Bearer sl.Bq8vL2mXz7Tk9Rw3Bn5Cy1Hd4Fg6Ja0Ue2\"},\n",
			"  headers = {\"X-Auth\": \"Bearer 3f9a7c2e8d1b4f6a0c5e9d2b\"}\n",
		},
		fps: []string{
			"      - Bearer {{access_token}}\n",
			"\"value\": \"Bearer <token>\"\n",
			"headers[\"Authorization\"] = \"Bearer \" + token\n",
			"The bearer token authenticates the client.\n",
			"      - Bearer ${API_TOKEN}\n",
			"      - Bearer xxxxxxxxxxxxxxxxxxxx\n",
		},
	})
}
