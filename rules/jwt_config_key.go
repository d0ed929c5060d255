package rules

import "github.com/zricethezav/gitleaks/v8/config"

// jwtConfigKey finds the signing key of an ASP.NET Core or Node app's JWT
// settings object: "Jwt": { "Key": "…", "Issuer": … } in appsettings.json
// and config JSON, where the key's own name says nothing and only the
// object's name (Jwt, JwtSettings, JwtOptions) tells it signs the tokens.
func jwtConfigKey() Rule {
	return build(spec{
		id:          "jwt-config-key",
		description: "Signing key of a JWT settings object (appsettings.json \"Jwt\": { \"Key\": … })",
		regex: `(?i)"jwt\w{0,20}"[ \t]*:[ \t]*\{[^{}]{0,400}?"(?:key|signing_?key|secret_?key|secret|token_?key)"[ \t]*:[ \t]*` +
			`"([^"\r\n]{8,})"`,
		keywords: []string{"jwt"},
		tags:     []string{"config", "jwt", "signing-key"},
		weakOK:   true,
		allow:    []*config.Allowlist{passwordPlaceholders()},
		check:    func(_, secret string) bool { return len(secret) >= 12 || entropy(secret) > 3 },
		tps: []string{
			"{\n  \"Jwt\": {\n    \"Key\": \"Zorg-Signing-Key-4711-Zorg-Signing\",\n    \"Issuer\": \"shop\"\n  }\n}\n",
			"\"JwtSettings\": { \"Issuer\": \"shop\", \"SecretKey\": \"p9Xq2vLm7Rz4Tw8Kb3Nc\" }\n",
		},
		fps: []string{
			"\"Jwt\": { \"Key\": \"\", \"Issuer\": \"shop\" }\n",
			"\"Jwt\": { \"Key\": \"${JWT_KEY}\", \"Issuer\": \"shop\" }\n",
			"\"Jwt\": { \"Issuer\": \"shop\" },\n\"Keys\": { \"Key\": \"p9Xq2vLm7Rz4Tw8Kb3Nc\" }\n",
			"\"Jwt\": { \"Key\": \"<your-signing-key>\" }\n",
		},
	})
}
