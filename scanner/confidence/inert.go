package confidence

import (
	"crypto/ecdh"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"hash"
	"regexp"
	"strings"
	"unicode"

	"github.com/secretsweep/secretsweep/internal/finding"
	"golang.org/x/crypto/sha3"
)

// Inert values: findings that provably hold no usable credential, whatever
// rule made them. They are the one exception to the gitleaks parity floor:
// a default rule's finding with an inert value scores low. The class is
// kept narrow on purpose (see the package doc and README's Confidence
// section for what it cost on real histories): only values that no service
// can accept, not values that merely look like examples.

// inertOf names why a secret provably holds no credential, or "".
func inertOf(secret string) string {
	if r := jwtInert(secret); r != "" {
		return r
	}
	switch {
	case isPEMWithoutKey(secret):
		return "pem-without-key"
	case isFiller(secret):
		return "filler"
	case isEthAddress(secret):
		return "public-address"
	case isP256PublicKey(secret):
		return "public-key"
	case secretVarName.MatchString(strings.TrimSpace(secret)):
		return "variable-name"
	case publicTestKeys[strings.ToLower(strings.TrimSpace(secret))]:
		return "test-vector"
	case stockFactoryHashes[strings.TrimSpace(secret)]:
		return "stock-hash"
	case stockExamples[strings.TrimSpace(secret)]:
		return "stock-example"
	case emptyHashes[strings.ToLower(strings.TrimSpace(secret))]:
		return "empty-hash"
	case isTruncatedBcrypt(strings.TrimSpace(secret)):
		return "malformed-hash"
	}
	return ""
}

// secretVarName matches the upper-case name of a variable that holds a
// secret, written where its value belongs (Authorization: Bearer
// ADMIN_TOKEN in a doc's curl example, password=DB_PASSWORD): words joined
// by underscores, one of them naming a secret. No service issues such a
// value.
var secretVarName = regexp.MustCompile(`^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_(?:[A-Z0-9]+_)*(?:TOKEN|KEY|SECRET|PASSWORD|PASS|PASSWD|PWD|JWT|PAT|CREDENTIALS?)(?:_[A-Z0-9]+)*$|^(?:TOKEN|KEY|SECRET|PASSWORD|JWT)_[A-Z][A-Z0-9_]*$`)

// publicTestKeys are the AES keys of the published test vectors (FIPS-197
// appendix C, NIST SP 800-38A appendix F), which crypto libraries and
// their examples carry: public by design.
var publicTestKeys = map[string]bool{
	"000102030405060708090a0b0c0d0e0f":                                 true,
	"000102030405060708090a0b0c0d0e0f1011121314151617":                 true,
	"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f": true,
	"2b7e151628aed2a6abf7158809cf4f3c":                                 true,
	"8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b":                 true,
	"603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4": true,
}

// stockFactoryHashes are the bcrypt hashes framework scaffolds ship in
// their user factories for throwaway test users: Laravel's of "password"
// (UserFactory.php since 5.8) and of "secret" (5.5 to 5.7). Every Laravel
// project carries one; it protects no account of its own.
var stockFactoryHashes = map[string]bool{
	"$2y$10$92IXUNpkjO0rOQ5byMi.Ye4oKoEa3Ro9llC/.og/at2.uheWG/igi": true,
	"$2y$10$TKh8H1.PfQx37YgCzwiKb.KjNyWgaHb9cbcoQgdIVFlYg7B77UdFm": true,
}

// stockExamples are the credentials of documentation examples that a
// framework's generator writes, commented out, into every new project:
// the password of the commented Redis URL in Sails' config/env templates,
// on a hosting service's example host. They belong to no deployment.
var stockExamples = map[string]bool{
	"myc00lpAssw2D": true,
}

// emptyHashes are the MD5, SHA-1 and SHA-256 digests of the empty string:
// seed data's filler for a user without a password, which no password
// matches.
var emptyHashes = map[string]bool{
	"d41d8cd98f00b204e9800998ecf8427e":                                 true,
	"da39a3ee5e6b4b0d3255bfef95601890afd80709":                         true,
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855": true,
}

// bcryptPrefix matches the start of a bcrypt hash: version and cost.
var bcryptPrefix = regexp.MustCompile(`^\$2[abxy]?\$\d\d\$`)

// isTruncatedBcrypt reports a value that starts as a bcrypt hash but is
// not one: bcrypt is 60 characters (a 22-character salt and a
// 31-character digest after the cost), so a shorter or longer one is a
// made-up filler that no password verifies against (tutorial seed data).
func isTruncatedBcrypt(v string) bool {
	return bcryptPrefix.MatchString(v) && len(v) != 60 && !strings.ContainsAny(v, " \t")
}

// ethAddress matches an Ethereum address: 0x and 20 bytes in hex.
var ethAddress = regexp.MustCompile(`^0x[0-9a-fA-F]{40}$`)

// isEthAddress reports an Ethereum address written with its EIP-55
// checksum: the case of each letter is a bit of the Keccak-256 hash of the
// lower-case address, so mixed case that matches it (one chance in tens of
// thousands for a random value) proves a public address, not a key.
func isEthAddress(v string) bool {
	v = strings.TrimSpace(v)
	if !ethAddress.MatchString(v) {
		return false
	}
	hexPart := v[2:]
	lower := strings.ToLower(hexPart)
	if lower == hexPart || strings.ToUpper(hexPart) == hexPart {
		return false // no checksum to check
	}
	h := sha3.NewLegacyKeccak256()
	h.Write([]byte(lower))
	sum := h.Sum(nil)
	for i, c := range hexPart {
		if c < 'A' || (c > 'F' && c < 'a') || c > 'f' {
			continue // a digit
		}
		nibble := sum[i/2] >> 4
		if i%2 == 1 {
			nibble = sum[i/2] & 0x0f
		}
		if (nibble >= 8) != (c <= 'F') {
			return false
		}
	}
	return true
}

// inertFinding names why f provably holds no credential, or "": its value
// is inert (inertOf), or it is the tag of a container image reference on
// its line (imageTag).
func inertFinding(f *finding.Finding) string {
	if r := inertOf(f.Secret); r != "" {
		return r
	}
	if imageTag(f.Line, f.Secret) {
		return "image-tag"
	}
	if solanaPublicKey(f) {
		return "public-address"
	}
	if gpgFingerprint(f) {
		return "key-fingerprint"
	}
	return ""
}

// hexFingerprint matches an OpenPGP fingerprint (40 hex digits) or long
// key id (16).
var hexFingerprint = regexp.MustCompile(`^(?:[0-9A-Fa-f]{40}|[0-9A-Fa-f]{16})$`)

// gpgName matches what names an OpenPGP key's fingerprint before it:
// ENV GPG_KEY in the official Docker images, "Release GPG key:" in a
// README, gpg --recv-keys.
var gpgName = regexp.MustCompile(`(?i)gpg|pgp|gnupg|fingerprint|recv-keys|key[_ -]?id`)

// gpgFingerprint reports the fingerprint of a public OpenPGP key, which
// names the key that verifies a release: a hash of a public key, no
// credential.
func gpgFingerprint(f *finding.Finding) bool {
	v := strings.TrimSpace(f.Secret)
	if !hexFingerprint.MatchString(v) {
		return false
	}
	before := keyOf(f.Match, f.Secret)
	if i := strings.Index(f.Line, v); i > 0 {
		before = f.Line[:i]
	}
	return gpgName.MatchString(before)
}

// base58Key matches a value of 32 to 44 letters and digits: a Solana
// public key (an account, a token mint, a program id) is 32 bytes written
// in base58 (docs' made-up ones stray outside its alphabet). A Solana
// secret key is 64 bytes (87 or 88 characters) or a JSON array of them, so
// this length is never one.
var base58Key = regexp.MustCompile(`^[0-9A-Za-z]{32,44}$`)

// publicKeyName matches the end of a key that names a public key or an
// on-chain address (token_mint, admin_token_account, wallet_address,
// pubkey, program_id).
var publicKeyName = regexp.MustCompile(`(?i)(?:mint|account|address|addr|pubkey|public[_-]?key|program[_-]?id|wallet)["']?\s*[:=]\s*["']?$`)

// explorerPath matches a block explorer's URL path to an address, an
// account or a token, which the value follows.
var explorerPath = regexp.MustCompile(`(?i)/(?:address|account|token|tx)/$`)

// solanaPublicKey reports a base58 value of a public key's length under a
// key naming an address, or in a block explorer's URL: public by design.
func solanaPublicKey(f *finding.Finding) bool {
	v := strings.TrimSpace(f.Secret)
	if !base58Key.MatchString(v) {
		return false
	}
	if publicKeyName.MatchString(keyOf(f.Match, f.Secret)) {
		return true
	}
	i := strings.Index(f.Line, v)
	return i > 0 && explorerPath.MatchString(f.Line[:i])
}

// imageRef matches a line that only names a container image with a tag:
// a compose, Kubernetes or fly.toml image key, or a Dockerfile FROM
// (image: org/app:1.2-slim, FROM registry:5000/base:edge AS build). The
// tag is submatch 1.
var imageRef = regexp.MustCompile(`^\s*(?:-\s*)?(?:["']?image["']?\s*[:=]\s*|(?i:FROM)\s+(?:--platform=\S+\s+)?)["']?(?:[a-z0-9.-]+(?::[0-9]+)?/)*[a-z0-9][a-z0-9._-]*:([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})["']?,?(?:\s+(?i:AS)\s+\S+)?\s*$`)

// imageTag reports a secret that is the tag of the one image reference its
// line holds: a tag names a build, it cannot authenticate anything.
func imageTag(line, secret string) bool {
	m := imageRef.FindStringSubmatch(strings.TrimRight(line, "\r\n"))
	return m != nil && secret != "" && m[1] == secret
}

// isFiller reports values made only of filler: empty, one or two repeated
// characters or a run of sequential ones (00000000, XXXXXXXX, 123456789,
// abcdef), or only filler words (your-secret-key, my_token) without a digit.
// A token whose every random-looking part is filler is filler too: the
// fixed parts of a provider's shape (a scheme, a host, a short letter
// prefix such as T or B before 123456789, a word) are set aside.
func isFiller(v string) bool {
	v = strings.TrimSpace(v)
	if v == "" || onlyFillerWords(v) {
		return true
	}
	if strings.ContainsAny(v, "!@#$%^&*?~") && strings.IndexFunc(v, unicode.IsLetter) >= 0 && strings.IndexFunc(v, unicode.IsDigit) >= 0 {
		return false // Admin@123456, Ak200222!: a symbol someone added to make a password, which filler does not carry
	}
	parts := strings.FieldsFunc(v, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	random := 0
	for _, p := range parts {
		p = randomPart(p)
		if len(p) < 6 || (len(p) < 12 && isLowerWord(p) && !pureFiller(p)) {
			continue // a prefix, a scheme, a host label, a path word
		}
		if !pureFiller(p) {
			return false
		}
		random++
	}
	return random > 0
}

// pureFiller reports a part made wholly of filler, not just mostly: one or
// two distinct characters, a short or sequential piece repeated (abcabc,
// 0123456789abcdef0123456789abcdef), one sequential run
// (123456789012, abcdefgh, 987654) or two woven together (A1B2C3).
func pureFiller(p string) bool {
	rs := []rune(p)
	if len(rs) < 2 {
		return len(rs) == 1
	}
	distinct := map[rune]bool{}
	for _, r := range rs {
		distinct[r] = true
	}
	if len(distinct) <= 2 || interleaved(rs) || twoRuns(rs) {
		return true
	}
	for n := 1; n <= len(rs)/2; n++ {
		piece := string(rs[:n])
		if len(rs)%n == 0 && strings.Repeat(piece, len(rs)/n) == p {
			return n <= 4 || repetitive(piece) // a random piece twice is no proof
		}
	}
	d := step(rs[0], rs[1])
	for i := 2; i < len(rs); i++ {
		if step(rs[i-1], rs[i]) != d {
			return false
		}
	}
	return d == 1 || d == -1
}

// twoRuns reports runs of sequential digits and letters joined: two of
// four or more (123456abcdefg, abcdef123456) or three or more of three or
// more (abc123def456).
func twoRuns(rs []rune) bool {
	isDigit := func(r rune) bool { return r >= '0' && r <= '9' }
	var runs [][]rune
	for start, i := 0, 1; i <= len(rs); i++ {
		if i == len(rs) || isDigit(rs[i]) != isDigit(rs[start]) {
			runs = append(runs, rs[start:i])
			start = i
		}
	}
	least := 4
	if len(runs) >= 3 {
		least = 3
	}
	if len(runs) < 2 {
		return false
	}
	for _, r := range runs {
		if len(r) < least || !oneRun(r) {
			return false
		}
	}
	return true
}

// oneRun reports characters that all step by one, up or down (4567, fedc).
func oneRun(rs []rune) bool {
	d := step(rs[0], rs[1])
	if d != 1 && d != -1 {
		return false
	}
	for i := 2; i < len(rs); i++ {
		if step(rs[i-1], rs[i]) != d {
			return false
		}
	}
	return true
}

// randomPart drops a prefix of up to four letters before digits
// (T123456789, AKIA0000...): the fixed part of a provider's shape.
func randomPart(p string) string {
	i := strings.IndexFunc(p, func(r rune) bool { return r >= '0' && r <= '9' })
	if i > 0 && i <= 4 && strings.IndexFunc(p[:i], func(r rune) bool { return !unicode.IsLetter(r) }) < 0 {
		return p[i:]
	}
	return p
}

// isLowerWord reports a run of lower-case letters only.
func isLowerWord(p string) bool {
	return strings.IndexFunc(p, func(r rune) bool { return r < 'a' || r > 'z' }) < 0
}

// onlyFillerWords reports values of two or more filler words and no digit
// (your-secret-key, MY_API_TOKEN): a description of a secret.
func onlyFillerWords(v string) bool {
	if strings.IndexFunc(v, unicode.IsDigit) >= 0 {
		return false
	}
	ws := words(v)
	if len(ws) < 2 {
		return false
	}
	for _, w := range ws {
		if !fillerWords[strings.ToLower(w)] {
			return false
		}
	}
	return true
}

// pemBegin finds the header line of a PEM private key.
var pemBegin = regexp.MustCompile(`-----BEGIN[ A-Z0-9_-]*PRIVATE KEY(?: BLOCK)?-----`)

// base64Run matches one run of base64 characters.
var base64Run = regexp.MustCompile(`[A-Za-z0-9+/=]+`)

// isPEMWithoutKey reports a private key's PEM header with no key body after
// it: code that builds or strips the header ("-----BEGIN PRIVATE KEY-----\n"
// + encode(key), pem.replace("-----BEGIN ...", "")), a redacted block. The
// smallest private key (Ed25519, PKCS#8) is 64 base64 characters, one full
// PEM line; without a run of 40 or more there is no key material.
func isPEMWithoutKey(v string) bool {
	loc := pemBegin.FindStringIndex(v)
	if loc == nil {
		return false
	}
	body := v[loc[1]:]
	if i := strings.Index(body, "-----END"); i >= 0 {
		body = body[:i]
	}
	// Escaped line breaks in strings join lines of a key.
	body = strings.NewReplacer(`\\n`, "\n", `\\r`, "\n", `\n`, "\n", `\r`, "\n").Replace(body)
	for _, run := range base64Run.FindAllString(body, -1) {
		if len(run) >= 40 {
			return false
		}
	}
	return true
}

// jwtToken finds a JSON Web Token: header, payload, signature (possibly
// empty). A JSON object's base64url starts eyJ ({"), ew ({ and a line
// break) or is e30 ({}).
var jwtToken = regexp.MustCompile(`(ey[JA][\w-]*|ew[\w-]*)\.(ey[JA][\w-]*|ew[\w-]*|e30)\.([\w-]*)`)

// headlessJWT finds a token without its header (.eyJ...): after the start
// or a character that cannot be part of a token.
var headlessJWT = regexp.MustCompile(`(?:^|[^\w.-])\.(eyJ[\w-]+)\.([\w-]*)`)

// publicHMACKeys are keys no token signed with can be a secret of anyone:
// the empty key and jwt.io's published demo keys.
var publicHMACKeys = []string{"", "your-256-bit-secret", "your-384-bit-secret", "your-512-bit-secret"}

// jwtInert names why the JWT in v can authenticate nothing, or "": no
// header or alg none or no signature (unsigned: anyone can make one), a
// header or payload that is not JSON (malformed: no service accepts it), an
// HMAC signature made with the empty key or jwt.io's published demo key
// (public: anyone can sign it), or claims that are empty or only
// placeholder words ({"test":"test"}, {"data":{}}: it asserts nothing).
func jwtInert(v string) string {
	m := jwtToken.FindStringSubmatch(v)
	if m == nil {
		var claims map[string]any
		if h := headlessJWT.FindStringSubmatch(v); h != nil && jsonObject(h[1], &claims) {
			return "unsigned-jwt"
		}
		if jwtHeaderOnly(v) {
			return "jwt-header"
		}
		return ""
	}
	hdrB64, payB64, sig := m[1], m[2], m[3]
	if sig == "" {
		return "unsigned-jwt"
	}
	var hdr struct {
		Alg string `json:"alg"`
	}
	var claims map[string]any
	if !jsonObject(hdrB64, &hdr) || !jsonObject(payB64, &claims) {
		return "malformed-jwt"
	}
	switch alg := strings.ToUpper(hdr.Alg); alg {
	case "NONE", "":
		return "unsigned-jwt"
	case "HS256", "HS384", "HS512":
		if signedWithPublicKey(alg, hdrB64+"."+payB64, sig) {
			return "public-key-jwt"
		}
	}
	if fillerClaims(claims) {
		return "filler-jwt"
	}
	if publicRole(claims) {
		return "public-role-jwt"
	}
	return ""
}

// publicRole reports the claims of a Supabase anon key: issued by
// Supabase for the "anon" role, the key every Supabase client ships in its
// browser bundle. It grants what row-level security allows anyone, so
// Supabase documents it as safe to publish; the service_role key, which
// bypasses that security, is reported as any other token.
func publicRole(claims map[string]any) bool {
	iss, _ := claims["iss"].(string)
	role, _ := claims["role"].(string)
	return role == "anon" && (iss == "supabase" || strings.HasPrefix(iss, "supabase-") || strings.HasSuffix(iss, ".supabase.co/auth/v1"))
}

// headerStart matches the start of a JWT header's JSON: a header field
// first ({"alg":"HS256", {"typ":"JWT").
var headerStart = regexp.MustCompile(`^\{\s*"(?:alg|typ|kid|cty|jku|jwk|x5[ctu]|x5t#S256|crit|enc|zip)"\s*:`)

// jwtHeaderOnly reports a value that is only a JWT's header, whole or cut
// short (eyJhbGciOiJIUzI1NiIs... in an API doc's example response): the
// header names an algorithm, every token has one, and no service takes it
// for a credential.
func jwtHeaderOnly(v string) bool {
	v = strings.TrimRight(strings.TrimSpace(v), ".=")
	if !strings.HasPrefix(v, "eyJ") || strings.Contains(v, ".") {
		return false
	}
	raw, err := base64.RawURLEncoding.DecodeString(v[:len(v)-len(v)%4])
	return err == nil && headerStart.Match(raw)
}

// jsonObject decodes one base64url part of a token into v, reporting
// whether it is a JSON object.
func jsonObject(part string, v any) bool {
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(part, "="))
	if err != nil {
		return false
	}
	return strings.HasPrefix(strings.TrimSpace(string(raw)), "{") && json.Unmarshal(raw, v) == nil
}

// signedWithPublicKey reports an HMAC signature made with one of
// publicHMACKeys.
func signedWithPublicKey(alg, signed, sig string) bool {
	got, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(sig, "="))
	if err != nil {
		return false
	}
	h := map[string]func() hash.Hash{"HS256": sha256.New, "HS384": sha512.New384, "HS512": sha512.New}[alg]
	for _, k := range publicHMACKeys {
		mac := hmac.New(h, []byte(k))
		mac.Write([]byte(signed))
		if hmac.Equal(mac.Sum(nil), got) {
			return true
		}
	}
	return false
}

// fillerClaims reports claims that assert nothing: no value at all, or
// only placeholder words as both names and values ({"test":"test"}).
func fillerClaims(claims map[string]any) bool {
	for k, v := range claims {
		switch v := v.(type) {
		case map[string]any:
			if !fillerClaims(v) {
				return false
			}
		case string:
			if !isPlaceholder(k) || !isPlaceholder(v) {
				return false
			}
		default:
			return false // a number, a flag, a list: a claim
		}
	}
	return true
}

// isP256PublicKey reports an uncompressed P-256 public key point in
// base64 or base64url (65 bytes, 0x04 first, on the curve): a Web Push
// VAPID applicationServerKey, which the browser code of every site using
// push notifications carries. It is public by design.
func isP256PublicKey(secret string) bool {
	v := strings.TrimRight(strings.TrimSpace(secret), "=")
	if len(v) != 87 {
		return false
	}
	b, err := base64.RawURLEncoding.DecodeString(v)
	if err != nil {
		if b, err = base64.RawStdEncoding.DecodeString(v); err != nil {
			return false
		}
	}
	if len(b) != 65 || b[0] != 4 {
		return false
	}
	_, err = ecdh.P256().NewPublicKey(b)
	return err == nil
}
