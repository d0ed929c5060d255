package rules

// jwtFileSecret finds the signing secret of a module that exists to sign
// and verify JSON Web Tokens: a file named for JWT (jwt.js, JwtUtil.java,
// JwtProperties.java, jwt_config.py) or an auth config module
// (auth.config.js, as the Express tutorials write it), where the key's own
// name says only secret and the file says what it signs. The literal is
// the key whatever its strength (jwtKeyValue), as under a JWT-named key.
func jwtFileSecret() Rule {
	return build(spec{
		id:          "jwt-file-secret",
		description: "Literal secret in a JWT module or auth config (jwt.js, JwtUtil.java, auth.config.js)",
		path:        `(?i)(?:^|/)(?:[\w.-]*jwt[\w.-]*|auth[._-]?config)\.(?:[cm]?[jt]s|py|go|java|kt|rb|php|cs)$`,
		regex:       `(?i)\b(?:jwt_?)?(?:(?:access|refresh)_?)?secret(?:_?key)?["']?[ \t]*(?::|=>?)[ \t]*(?:\[\]byte\()?` + signingLiteral,
		keywords:    []string{"secret"},
		tags:        []string{"code", "jwt", "signing-key"},
		weakOK:      true,
		check:       signingKeyCheck,
		tps: []string{
			"module.exports = {\n  secret: \"zork-secret-key\"\n};\n",
			"const secret = 'zork_token'\nmodule.exports = { sign: (p) => jsonwebtoken.sign(p, secret) }\n",
			"export default {\n    secret: 'zork_tres_zork',\n    expiresIn: '1d'\n}\n",
			"public class JwtProperties {\n    private String secret = \"zorkDefault\";\n}\n",
			"public class JwtUtil {\n    private static final String SECRET_KEY = \"Zk8qP2mLx7vR4tW9\";\n}\n",
			"var jwtSecret = []byte(\"zork-4711\")\n",
			"module.exports = {\n  secret: \"zork-lab4-key\",\n  refreshSecret: \"zork-lab4-refresh-key\",\n};\n",
		},
		fps: []string{
			"module.exports = {\n  secret: process.env.JWT_SECRET\n};\n",
			"module.exports = { secret: 'your-secret-key' }\n",
			"@Value(\"${jwt.secret}\")\nprivate String secret;\n",
			"const secret = 'JWT_SECRET'\n",
			"module.exports = { secret: '' }\n",
		},
	})
}

// signingLiteral captures a signing key's string literal of three or more
// characters in double, single or back quotes.
const signingLiteral = "(?:\"([^\"\\r\\n]{3,})\"|'([^'\\r\\n]{3,})'|`([^`\\r\\n]{3,})`)"
