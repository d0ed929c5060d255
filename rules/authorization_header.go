package rules

import (
	"strings"

	"github.com/zricethezav/gitleaks/v8/config"
)

// authorizationHeader finds literal bearer, basic and token credentials in
// Authorization headers outside curl (wget, httpie, HTTP client code, YAML
// headers maps, nginx proxy_set_header), including the Client-ID scheme of
// Unsplash's and Imgur's access keys; gitleaks' curl-auth-header covers
// curl command lines.
func authorizationHeader() Rule {
	return build(spec{
		id:          "authorization-header",
		description: "Literal credential in an HTTP Authorization header",
		regex:       `(?i)\bauthorization["'\]]{0,2}(?:[ \t]*[:=][ \t]*|[ \t]+)["']?(?:bearer|basic|token|bot|oauth|apikey|sso-key|client-id)[ \t]+([\w~+/.=-]{12,})`,
		entropy:     3,
		keywords:    []string{"authorization"},
		tags:        []string{"ci", "http"},
		check:       authorizationCheck,
		allow: []*config.Allowlist{
			lineAllow("covered by gitleaks' curl-auth-header", `\bcurl\b`),
		},
		tps: []string{
			"      - run: wget --header=\"Authorization: Bearer 8c1f7a2e9d4b6c3a0f5e8d2b7c4a9e1f\" https://artifacts.internal.io/app.tgz\n",
			"headers = {\"Authorization\": \"Token 7d2f9a4c1e8b3f6a0d5c9e2b\"}\n",
			"http GET https://api.internal.io/v1/me Authorization:'Basic ZGVwbG95OlJ2OCFxTDJtWHo='\n",
			"    proxy_set_header Authorization \"Basic Z3JhZmFuYTpSdjghcUwybVh6N2s=\";\n",
			"session.headers[\"Authorization\"] = \"Bearer 7e2c9a4f1d8b3e6a0c5f9b2d7e1a4c8f\"\n",
			"    -H \"Authorization: OAuth 6d1f8a3c9e2b7d4f0a5c8e1b\"\n",
			// Unsplash's and Imgur's access key scheme.
			"        self.headers = {'authorization': 'Client-ID 7f3e9a1c5d8b2f6e0a4c9d3b7e1f5a8c2d6b0e4f'}\n",
		},
		fps: []string{
			"      - run: wget --header=\"Authorization: Bearer ${{ secrets.ARTIFACT_TOKEN }}\" https://x.io/a.tgz\n",
			"headers = {\"Authorization\": f\"Bearer {token}\"}\n",
			"curl -H \"Authorization: Bearer 8c1f7a2e9d4b6c3a0f5e8d2b7c4a9e1f\" https://api.io\n",
			"Authorization: Bearer <token>\n",
			"    proxy_set_header Authorization $http_authorization;\n",
			// fakeuser:mypassword, a self-declared example.
			"\tAuthorization: Basic ZmFrZXVzZXI6bXlwYXNzd29yZA==\n",
		},
	})
}

// authorizationCheck judges a Basic value as generic-basic-credential
// does (basicCheck): it must decode to user:password with a password that
// is not a placeholder. Other schemes pass.
func authorizationCheck(match, secret string) bool {
	i := strings.LastIndex(match, secret)
	if i < 0 || !strings.HasSuffix(strings.ToLower(strings.TrimRight(match[:i], " \t")), "basic") {
		return true
	}
	return basicCheck(match, secret)
}
