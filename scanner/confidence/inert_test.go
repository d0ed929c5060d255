package confidence

import (
	"bytes"
	"crypto/ecdh"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// fakeJWT builds a token from its header and claims; sig signs it with
// HS256 and key when key is not nil, else it is the given text.
func fakeJWT(header, claims string, key []byte, sig string) string {
	b64 := base64.RawURLEncoding.EncodeToString
	signed := b64([]byte(header)) + "." + b64([]byte(claims))
	if key != nil {
		mac := hmac.New(sha256.New, key)
		mac.Write([]byte(signed))
		sig = b64(mac.Sum(nil))
	}
	return signed + "." + sig
}

// Built at run time so that no PEM header sits in this file.
var pemHeader, pemFooter = "-----BEGIN " + "PRIVATE KEY-----", "-----END " + "PRIVATE KEY-----"

func TestInertOf(t *testing.T) {
	const hs256 = `{"alg":"HS256","typ":"JWT"}`
	user := `{"sub":"fake-user-0001","admin":true}`
	fakeSig := "FAKEsignatureFAKEsignatureFAKEsig"
	fakeBody := strings.Repeat("FAKEkeyFAKEkey0123456789+/", 3) // 78 base64 characters in one line
	for _, tc := range []struct {
		name, v, want string
	}{
		// JSON Web Tokens.
		{"alg none", fakeJWT(`{"alg":"none"}`, user, nil, fakeSig), "unsigned-jwt"},
		{"no signature", fakeJWT(hs256, user, nil, ""), "unsigned-jwt"},
		{"no header", "." + strings.SplitN(fakeJWT(hs256, user, nil, ""), ".", 2)[1], "unsigned-jwt"},
		{"payload not JSON", fakeJWT(hs256, `{"sub":"fa`+"\x1d\xd7", nil, fakeSig), "malformed-jwt"},
		{"header not JSON", fakeJWT(`{"alg":"HS256"`, user, nil, fakeSig), "malformed-jwt"},
		{"signed with the empty key", fakeJWT(hs256, user, []byte{}, ""), "public-key-jwt"},
		{"signed with jwt.io's demo key", fakeJWT(hs256, user, []byte("your-256-bit-secret"), ""), "public-key-jwt"},
		{"filler claims", fakeJWT(hs256, `{"test":"test"}`, nil, fakeSig), "filler-jwt"},
		{"empty claims", fakeJWT(hs256, `{"data":{}}`, nil, fakeSig), "filler-jwt"},
		{"after Bearer", "Bearer " + fakeJWT(`{"alg":"none"}`, user, nil, ""), "unsigned-jwt"},
		{"signed with another key", fakeJWT(hs256, user, []byte("fake-app-key"), ""), ""},
		{"signed, unknown key", fakeJWT(hs256, user, nil, fakeSig), ""},
		{"a user named test is a claim", fakeJWT(hs256, `{"sub":"test"}`, nil, fakeSig), ""},
		{"dotted host is no token", "api.example.internal.", ""},
		{"empty claims e30", fakeJWT(hs256, `{}`, nil, fakeSig), "filler-jwt"},
		{"RS256", fakeJWT(`{"alg":"RS256"}`, user, nil, fakeSig), ""},
		{"header alone", strings.SplitN(fakeJWT(hs256, user, nil, fakeSig), ".", 2)[0], "jwt-header"},
		{"header cut short", strings.SplitN(fakeJWT(`{"typ":"JWT","alg":"HS256"}`, user, nil, fakeSig), ".", 2)[0][:23], "jwt-header"},
		{"payload alone is no header", strings.SplitN(fakeJWT(hs256, user, nil, fakeSig), ".", 3)[1], ""},
		// PEM private keys.
		{"header concatenated in code", pemHeader + `\n";` + "\n    s += encode(key.getEncoded());\n    s += \"\\n" + pemFooter, "pem-without-key"},
		{"header stripped in code", pemHeader + `", "");` + "\n    pem = pem.replace(\"" + pemFooter, "pem-without-key"},
		{"redacted body", pemHeader + "\n...\n" + pemFooter, "pem-without-key"},
		{"key body", pemHeader + "\n" + fakeBody + "\n" + fakeBody[:20] + "\n" + pemFooter, ""},
		{"key body with escaped line breaks", pemHeader + `\n` + fakeBody + `\n` + pemFooter, ""},
		{"RSA key body in a concatenated string", strings.Replace(pemHeader, "PRIVATE", "RSA PRIVATE", 1) + `\n" +` + "\n  \"" + fakeBody + `\n" +` + "\n  \"" + pemFooter, ""},
		// Filler.
		{"empty", "", "filler"},
		{"zeros", "0000000000000000", "filler"},
		{"X mask", "XXXXXXXXXXXXXXXXXXXXXXXX", "filler"},
		{"filler words", "your-secret-key", "filler"},
		{"filler words, upper case", "MY_API_TOKEN", "filler"},
		{"provider prefix before filler", "xoxb-000000000000-000000000000-XXXXXXXXXXXXXXXXXXXXXXXX", "filler"},
		{"letter prefixes before sequences", "T123456789/B123456789", "filler"},
		{"webhook URL with filler parts", "https://hooks.example.invalid/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX", "filler"},
		{"sequence wrapping round", "123456789012", "filler"},
		{"interleaved", "A1B2C3D4E5", "filler"},
		{"interleaved in mixed case", "a1B2c3D4e5F6", "filler"},
		{"example vocabulary is not proof", "AKIAIOSFODNN7EXAMPLE", ""},
		{"weak password", "pass123", ""},
		{"mostly sequential", "12345678abcdefgh0Kx7", ""},
		{"digit run then letter run", "123456abcdefg", "filler"},
		{"letter run then digit run", "abcdef123456", "filler"},
		{"short runs are a password", "abc123", ""},
		{"a word, a symbol and a digit run are a password", "Zork@123456", ""},
		{"a symbol after filler digits", "Zk200222!", ""},
		{"three short runs", "abc123def456", "filler"},
		{"three runs, one not sequential", "abc123dxf456", ""},
		{"digit run then a word", "123456secret", ""},
		{"sequential piece repeated", "0123456789abcdef0123456789abcdef", "filler"},
		{"random piece repeated", "Kx7mQ2vLp9abKx7mQ2vLp9ab", ""},
		{"filler words with a digit", "my-api-key-2", ""},
		{"one filler word", "password", ""},
		{"random", "Kx7mQ2vLp9abQz3wRt8y", ""},
		// AES keys of the published test vectors.
		{"SP 800-38A AES-128 key", "2b7e151628aed2a6abf7158809cf4f3c", "test-vector"},
		{"FIPS-197 AES-256 key", "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F", "test-vector"},
		{"Laravel stock UserFactory hash", "$2y$10$92IXUNpkjO0rOQ5byMi.Ye4oKoEa3Ro9llC/.og/at2.uheWG/igi", "stock-hash"},
		{"a seeded bcrypt hash is no stock one", "$2y$10$Q7mN3kP9xR2vL8tB4wZ6yOe1cF5hJ0sU7aD3gK9nM2pQ4rT6vX8yW", ""},
		{"another AES key", "2b7e151628aed2a6abf7158809cf4f3d", ""},
		{"Sails generator's example Redis password", "myc00lpAssw2D", "stock-example"},
		// Digests of the empty string and bcrypt-looking fillers verify no password.
		{"SHA-1 of the empty string", "da39a3ee5e6b4b0d3255bfef95601890afd80709", "empty-hash"},
		{"MD5 of the empty string", "D41D8CD98F00B204E9800998ECF8427E", "empty-hash"},
		{"another SHA-1", "da39a3ee5e6b4b0d3255bfef95601890afd80708", ""},
		{"bcrypt too short", "$2b$10$zorkZORKzorkZORKzorkZOzorkZORKzorkZORKzorkZOR", "malformed-hash"},
		{"bcrypt too long", "$2y$10$Q7mN3kP9xR2vL8tB4wZ6yOe1cF5hJ0sU7aD3gK9nM2pQ4rT6vX8yWQ", "malformed-hash"},
		// Ethereum addresses with an EIP-55 checksum are public.
		{"EIP-55 spec address", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "public-address"},
		{"checksummed fake address", "0xfAcaDe00C0FfeE00dEAdbEEf00fACADe00c0fFEe", "public-address"},
		{"another checksummed fake address", "0xDeaDbeefdEAdbeefdEadbEEFdeadbeEFdEaDbeeF", "public-address"},
		{"wrong checksum", "0xFAcaDe00C0FfeE00dEAdbEEf00fACADe00c0fFEe", ""},
		{"lower case: no checksum", "0xfacade00c0ffee00deadbeef00facade00c0ffee", ""},
		{"private key length", "0xfAcaDe00C0FfeE00dEAdbEEf00fACADe00c0fFEefAcaDe00C0FfeE00dEAdbEEf", ""},
		{"provider prefix before random", "xoxb-000000000000-Kx7mQ2vLp9abKx7mQ2vLp9ab", ""},
		// Supabase anon keys are published by design; service_role keys are not.
		{"Supabase anon key", fakeJWT(hs256, `{"iss":"supabase","ref":"zorkzorkzork","role":"anon","iat":1700000000,"exp":2000000000}`, nil, fakeSig), "public-role-jwt"},
		{"Supabase anon key of a self-hosted stack", fakeJWT(hs256, `{"role":"anon","iss":"supabase-demo","iat":1641769200}`, nil, fakeSig), "public-role-jwt"},
		{"Supabase service role key", fakeJWT(hs256, `{"iss":"supabase","ref":"zorkzorkzork","role":"service_role","iat":1700000000}`, nil, fakeSig), ""},
		{"anon role of another issuer", fakeJWT(hs256, `{"iss":"zork-auth","role":"anon"}`, nil, fakeSig), ""},
		// Names of the variable that holds a secret, in the value's place.
		{"token variable name", "TRADER_TOKEN", "variable-name"},
		{"password variable name", "DB_ROOT_PASSWORD", "variable-name"},
		{"key variable name with a suffix", "STRIPE_SECRET_KEY_TEST", "variable-name"},
		{"upper-case random with underscores", "K7XQ_M2VL_P9AB", ""},
		{"one upper-case word is a password", "PASSWORD", ""},
	} {
		if got := inertOf(tc.v); got != tc.want {
			t.Errorf("%s: inertOf(%q) = %q, want %q", tc.name, tc.v, got, tc.want)
		}
	}
}

// TestInertDefaultFindingsLow: an inert value is low even from one of
// gitleaks' default rules, in any file; its non-inert neighbours keep the
// parity floor.
func TestInertDefaultFindingsLow(t *testing.T) {
	const hs256 = `{"alg":"HS256"}`
	s := Scorer{Default: func(id string) bool {
		return id == "jwt" || id == "private-key" || id == "generic-api-key" || id == "curl-auth-header"
	}}
	for _, tc := range []struct {
		name string
		f    finding.Finding
		want finding.Confidence
	}{
		{"unsigned JWT", finding.Finding{RuleID: "jwt", File: "src/auth.js", Secret: fakeJWT(`{"alg":"none"}`, `{"sub":"fake"}`, nil, "")}, finding.ConfidenceLow},
		{"JWT signed with the empty key", finding.Finding{RuleID: "jwt", File: "app/guard.spec.ts", Secret: fakeJWT(hs256, `{"sub":"fake"}`, []byte{}, "")}, finding.ConfidenceLow},
		{"JWT signed with an unknown key", finding.Finding{RuleID: "jwt", File: "app/guard.spec.ts", Secret: fakeJWT(hs256, `{"sub":"fake"}`, nil, "FAKEsignatureFAKEsignature")}, finding.ConfidenceHigh},
		{"PEM header in code", finding.Finding{RuleID: "private-key", File: "Crypto.java", Secret: pemHeader + `", "");` + "\n  pem = pem.replace(\"" + pemFooter}, finding.ConfidenceLow},
		{"generic-api-key unsigned JWT fragment", finding.Finding{RuleID: "generic-api-key", File: "KidTest.java", Match: `token", "`, Secret: "." + strings.SplitN(fakeJWT(hs256, `{"user":"fake"}`, nil, ""), ".", 2)[1]}, finding.ConfidenceLow},
		{"header placeholder", finding.Finding{RuleID: "curl-auth-header", File: "docs/qdrant.md", Match: `curl -H "api-key: your-secret-key"`, Secret: "your-secret-key"}, finding.ConfidenceLow},
		{"image tag in a manifest", finding.Finding{RuleID: "generic-api-key", File: "k8s/deploy.yml", Line: "        - image: fakeorg/secrets-demo:2.4.1-no-vault", Match: "secrets-demo:2.4.1-no-vault", Secret: "2.4.1-no-vault"}, finding.ConfidenceLow},
		{"image tag in a Dockerfile", finding.Finding{RuleID: "generic-api-key", File: "Dockerfile", Line: "FROM registry.invalid:5000/fakeorg/token-svc:v3.2-slim AS build", Match: "token-svc:v3.2-slim", Secret: "v3.2-slim"}, finding.ConfidenceLow},
		{"image tag in TOML", finding.Finding{RuleID: "generic-api-key", File: "fly.toml", Line: `  image = "docker.io/fakeorg/secrets-demo:2.4.1-no-vault"`, Match: `secrets-demo:2.4.1-no-vault"`, Secret: "2.4.1-no-vault"}, finding.ConfidenceLow},
		{"key after an image line's tag is no tag", finding.Finding{RuleID: "generic-api-key", File: "compose.yml", Line: "    image: fakeorg/app:1.0 # api_key: Kx7mQ2vLp9abQz3wRt8y", Match: "api_key: Kx7mQ2vLp9abQz3wRt8y", Secret: "Kx7mQ2vLp9abQz3wRt8y"}, finding.ConfidenceHigh},
		{"secret key holding a tag-like value", finding.Finding{RuleID: "generic-api-key", File: "config.yml", Line: "  secret_key: Kx7mQ2vLp9ab-Qz3w0", Match: "secret_key: Kx7mQ2vLp9ab-Qz3w0", Secret: "Kx7mQ2vLp9ab-Qz3w0"}, finding.ConfidenceHigh},
		{"Bearer variable name in curl", finding.Finding{RuleID: "curl-auth-header", File: "TESTING_GUIDE.md", Match: `curl -X POST http://localhost:3000/api/orders \` + "\n" + `  -H "Authorization: Bearer TRADER_TOKEN"`, Secret: "TRADER_TOKEN"}, finding.ConfidenceLow},
		{"Solana mint address under a token key", finding.Finding{RuleID: "generic-api-key", File: "docs/API.md", Line: `    "token_mint": "9xYvn2F45h9i09LMUFrdF7mDofvGsX95VAtsluqeJksW",`, Match: `token_mint": "9xYvn2F45h9i09LMUFrdF7mDofvGsX95VAtsluqeJksW"`, Secret: "9xYvn2F45h9i09LMUFrdF7mDofvGsX95VAtsluqeJksW"}, finding.ConfidenceLow},
		{"address in a block explorer URL", finding.Finding{RuleID: "generic-api-key", File: "RESULTS.md", Line: "- **ZORK Token**: https://explorer.solana.com/address/JokLmbYYNw8Qs8ZLPb2eFoPmZhKzD8R2gdcaeuq7yee?cluster=custom", Match: "Token**: https://explorer.solana.com/address/JokLmbYYNw8Qs8ZLPb2eFoPmZhKzD8R2gdcaeuq7yee", Secret: "JokLmbYYNw8Qs8ZLPb2eFoPmZhKzD8R2gdcaeuq7yee"}, finding.ConfidenceLow},
		{"base58 value under a secret key", finding.Finding{RuleID: "generic-api-key", File: "config.yml", Line: `  api_token: 9xYvn2F45h9i09LMUFrdF7mDofvGsX95VAtsluqeJksW`, Match: `api_token: 9xYvn2F45h9i09LMUFrdF7mDofvGsX95VAtsluqeJksW`, Secret: "9xYvn2F45h9i09LMUFrdF7mDofvGsX95VAtsluqeJksW"}, finding.ConfidenceHigh},
		{"GPG key fingerprint in a Dockerfile", finding.Finding{RuleID: "generic-api-key", File: "Dockerfile", Line: "ENV GPG_KEY E3FF2839C048B25C084DEBE9B26995E310250568", Match: "GPG_KEY E3FF2839C048B25C084DEBE9B26995E310250568", Secret: "E3FF2839C048B25C084DEBE9B26995E310250568"}, finding.ConfidenceLow},
		{"release key fingerprint in a README", finding.Finding{RuleID: "generic-api-key", File: "node_modules/zork/README.md", Line: "  - Release GPG key: 9554F04D7259F04124DE6B476D5A82AC7E37093B", Match: "key: 9554F04D7259F04124DE6B476D5A82AC7E37093B", Secret: "9554F04D7259F04124DE6B476D5A82AC7E37093B"}, finding.ConfidenceLow},
		{"hex API key is no fingerprint", finding.Finding{RuleID: "generic-api-key", File: "config.yml", Line: "api_key: 9554F04D7259F04124DE6B476D5A82AC7E37093B", Match: "api_key: 9554F04D7259F04124DE6B476D5A82AC7E37093B", Secret: "9554F04D7259F04124DE6B476D5A82AC7E37093B"}, finding.ConfidenceHigh},
		{"example vocabulary keeps the floor", finding.Finding{RuleID: "generic-api-key", File: "README.md", Match: "key = AKIAIOSFODNN7EXAMPLE", Secret: "AKIAIOSFODNN7EXAMPLE"}, finding.ConfidenceMedium},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, score := s.Score(&tc.f)
			if got != tc.want {
				t.Errorf("Score = %s (%d), want %s", got, score, tc.want)
			}
		})
	}
}

func TestP256PublicKey(t *testing.T) {
	k, err := ecdh.P256().GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	pub := k.PublicKey().Bytes()
	notOnCurve := append([]byte{4}, bytes.Repeat([]byte{7}, 64)...)
	for _, tc := range []struct {
		name, v string
		want    bool
	}{
		{"base64url", base64.RawURLEncoding.EncodeToString(pub), true},
		{"base64 padded", base64.StdEncoding.EncodeToString(pub), true},
		{"not on the curve", base64.RawURLEncoding.EncodeToString(notOnCurve), false},
		{"private scalar", base64.RawURLEncoding.EncodeToString(k.Bytes()), false},
		{"other length", base64.RawURLEncoding.EncodeToString(pub[:64]), false},
	} {
		if got := isP256PublicKey(tc.v); got != tc.want {
			t.Errorf("%s: isP256PublicKey = %v, want %v", tc.name, got, tc.want)
		}
	}
}
