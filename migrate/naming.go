package migrate

import (
	"crypto/sha256"
	"encoding/hex"
	"path"
	"regexp"
	"strings"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// MaxNameLen is the longest name Secrets Manager accepts.
const MaxNameLen = 512

// nameSuffixRe matches a name ending in a hyphen and six characters, which
// Secrets Manager's partial-ARN matching would mistake for its own random
// suffix; such names are avoided.
var nameSuffixRe = regexp.MustCompile(`-[^/-]{6}$`)

// SanitizeName returns a valid Secrets Manager name for s: only the
// characters A-Za-z0-9/_+=.@- (others become '_'), no empty, "." or ".."
// path segments, at most MaxNameLen characters (long names are cut and get
// a hash of the full name) and never ending in a hyphen plus six characters.
func SanitizeName(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9',
			strings.ContainsRune("/_+=.@-", r):
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	var segs []string
	for _, seg := range strings.Split(b.String(), "/") {
		if seg != "" && seg != "." && seg != ".." {
			segs = append(segs, seg)
		}
	}
	name := strings.Join(segs, "/")
	if name == "" {
		name = "secret"
	}
	if len(name) > MaxNameLen {
		sum := sha256.Sum256([]byte(name))
		name = name[:MaxNameLen-9] + "_" + hex.EncodeToString(sum[:4])
	}
	if nameSuffixRe.MatchString(name) {
		i := strings.LastIndexByte(name, '-')
		name = name[:i] + "_" + name[i+1:]
	}
	return name
}

// identRe is an identifier-like token: a variable, key or setting name.
var identRe = regexp.MustCompile(`[A-Za-z_$@][A-Za-z0-9_.$@-]*$`)

// VariableName guesses the name a secret is assigned to from the source line
// that holds it: the last identifier before the literal, with quotes,
// assignment operators, brackets and call parentheses skipped
// (`export STRIPE_API_KEY="..."` gives STRIPE_API_KEY, `"api_key": "..."`
// gives api_key). A value inside a URL or DSN is named after what the whole
// string is assigned to (`DATABASE_URL=postgres://app:VALUE@db` gives
// DATABASE_URL). It returns "" when there is none.
func VariableName(line, secret string) string {
	i := strings.Index(line, secret)
	if i < 0 {
		return ""
	}
	before := line[:i]
	// A value inside a URL template (`mongodb://${user}:VALUE@h`,
	// f"…{user}:VALUE@…", "…%s:VALUE@…" % user) or passed to one
	// ("…%s:%s@…" % (user, "VALUE")) is named after what the whole
	// string is assigned to, never after a placeholder.
	if s := urlStringStart(before); s >= 0 {
		before = before[:s]
	} else if s, _ := templateArg(before); s >= 0 {
		before = before[:s]
	}
	for range 4 {
		raw := before
		before = strings.TrimRight(before, " \t\"'`=:>(,[{}]?|&+")
		spaced := len(raw) > len(before) && strings.TrimLeft(raw[len(before):], " \t") == ""
		id := identRe.FindString(before)
		start := len(before) - len(id)
		inURL := start > 0 && strings.ContainsRune("/:@", rune(before[start-1]))
		if id == "" && before != "" && strings.ContainsRune("/@.", rune(before[len(before)-1])) {
			inURL = true
		}
		if scheme := strings.ToLower(id); spaced && (scheme == "bearer" || scheme == "basic" || scheme == "token") {
			// "Bearer VALUE": name it after the header or variable.
			before = before[:start]
			continue
		}
		if !inURL {
			return cleanIdent(id)
		}
		// Inside a URL-like string: continue before the string starts.
		cut := strings.LastIndexAny(before[:start], " \t\"'`=")
		if cut < 0 {
			return ""
		}
		before = before[:cut+1]
	}
	return ""
}

func cleanIdent(id string) string {
	id = strings.Trim(id, ".-$@")
	if i := strings.LastIndexByte(id, '.'); i >= 0 && i+1 < len(id) {
		// obj.apiKey, settings.SECRET: keep the last component.
		id = id[i+1:]
	}
	switch strings.ToLower(id) {
	case "", "export", "const", "var", "let", "set", "env", "default", "return", "http", "https":
		return ""
	}
	return id
}

// nameInput is what naming needs to know about one finding.
type nameInput struct {
	Variable string // assigned-to name, may be empty
	// Part is what the value is inside a larger one ("password" of a
	// URL's user info), "" when it is the whole value.
	Part string
	// Sibling is the Kubernetes env entry's name: Variable came from it.
	Sibling string
	Rule    string
	File    string // slash-separated path relative to the repository root
	Hash    string // keyed hash of the value (finding.Hasher.Sum)
}

// genericNames are variable names that say where a value goes, not what
// it is: a provider's token found there is named after its rule.
var genericNames = map[string]bool{
	"authorization": true, "auth": true, "token": true, "secret": true, "bearer": true,
	"credentials": true, "credential": true, "value": true, "header": true,
}

// baseLeaf is the last name component for a finding: its variable (with
// the part of it the value is), else its rule ID. A provider's token in a
// variable with a generic name (Authorization, token) is named after its
// rule (github-pat), which says what it is.
func (n nameInput) baseLeaf() string {
	v := n.Variable
	if genericNames[strings.ToLower(v)] && n.Rule != "" && !strings.HasPrefix(n.Rule, "generic") {
		v = ""
	}
	if v == "" {
		return n.Rule
	}
	if n.Part != "" {
		// The URL in DATABASE_URL, DatabaseDSN: a name component in the
		// form Secrets Manager paths use (database-url/password).
		return kebab(v) + "/" + n.Part
	}
	return v
}

// leafReason says why baseLeaf is what it is, for the plan.
func (n nameInput) leafReason() string {
	v := n.Variable
	switch {
	case v != "" && genericNames[strings.ToLower(v)] && n.Rule != "" && !strings.HasPrefix(n.Rule, "generic"):
		return "from rule " + n.Rule + " (" + v + " says where the value goes, not what it is)"
	case v == "":
		return "from rule " + n.Rule + " (no key or variable holds the value)"
	case n.Part != "":
		return n.Part + " of the URL in " + v
	case n.Sibling != "":
		return "from the sibling name: " + n.Sibling
	}
	return "from the key " + v
}

// kebab writes an identifier in lower case with hyphens between its words:
// DATABASE_URL and databaseUrl give database-url, DatabaseDSN database-dsn.
func kebab(id string) string {
	var b strings.Builder
	rs := []rune(id)
	isUpper := func(r rune) bool { return r >= 'A' && r <= 'Z' }
	isLower := func(r rune) bool { return r >= 'a' && r <= 'z' }
	isDigit := func(r rune) bool { return r >= '0' && r <= '9' }
	for i, r := range rs {
		switch {
		case r == '_' || r == '-' || r == '.' || r == ' ':
			b.WriteByte('-')
			continue
		case isUpper(r) && i > 0 && (isLower(rs[i-1]) || isDigit(rs[i-1]) || isUpper(rs[i-1]) && i+1 < len(rs) && isLower(rs[i+1])):
			b.WriteByte('-')
		}
		b.WriteString(strings.ToLower(string(r)))
	}
	out := b.String()
	for strings.Contains(out, "--") {
		out = strings.ReplaceAll(out, "--", "-")
	}
	return strings.Trim(out, "-")
}

// urlPart returns "password" or "user" when secret sits in the user info
// of a URL in line (scheme://user:password@host), else "".
func urlPart(line, secret string) string {
	i := strings.Index(line, secret)
	if i < 0 {
		return ""
	}
	before, after := line[:i], line[i+len(secret):]
	switch {
	case strings.HasSuffix(before, ":") && strings.HasPrefix(after, "@") && strings.Contains(before, "://"):
		return "password"
	case strings.HasSuffix(before, "://") && (strings.HasPrefix(after, ":") || strings.HasPrefix(after, "@")):
		return "user"
	}
	if s, use := templateArg(before); s >= 0 {
		return use.part()
	}
	return ""
}

// fileQualifier turns a file path into name components (extension kept:
// "config/prod.env" stays "config/prod.env").
func fileQualifier(file string) string {
	return strings.TrimPrefix(path.Clean("/"+file), "/")
}

// assignNames gives every input a secret name under prefix. Inputs with the
// same leaf and the same value share one name; a leaf shared by different
// values is qualified by the file path, and if that is still ambiguous
// (one file, one variable, several values) by hashSuffix of the value's
// keyed hash. taken maps names already used (from a previous
// run's journal) to the hash they hold; a new name never reuses one of them
// for another value. The result does not depend on the order of inputs.
func assignNames(prefix string, in []nameInput, taken map[string]string) (names, reasons []string) {
	out := make([]string, len(in))
	reasons = make([]string, len(in))
	hashesBy := func(key func(nameInput) string) map[string]map[string]bool {
		m := map[string]map[string]bool{}
		for _, n := range in {
			k := key(n)
			if m[k] == nil {
				m[k] = map[string]bool{}
			}
			m[k][n.Hash] = true
		}
		return m
	}
	join := func(parts ...string) string {
		return SanitizeName(strings.Join(append([]string{prefix}, parts...), "/"))
	}
	// Names that differ only by case are one name to people (and to
	// case-insensitive tools): compare them folded.
	takenFolded := map[string]map[string]bool{}
	for name, h := range taken {
		k := strings.ToLower(name)
		if takenFolded[k] == nil {
			takenFolded[k] = map[string]bool{}
		}
		takenFolded[k][h] = true
	}
	free := func(name, hash string) bool {
		hs := takenFolded[strings.ToLower(name)]
		return len(hs) == 0 || len(hs) == 1 && hs[hash] && taken[name] == hash
	}
	byLeaf := hashesBy(func(n nameInput) string { return strings.ToLower(join(n.baseLeaf())) })
	byFile := hashesBy(func(n nameInput) string { return strings.ToLower(join(fileQualifier(n.File), n.baseLeaf())) })
	for i, n := range in {
		name := join(n.baseLeaf())
		reason := n.leafReason()
		if shared, held := len(byLeaf[strings.ToLower(name)]) > 1, !free(name, n.Hash); shared || held {
			why := "another value of this plan has the same name"
			if !shared {
				why = "an earlier run gave the name to another value"
			}
			name = join(fileQualifier(n.File), n.baseLeaf())
			reason += "; under its file: " + why
			if len(byFile[strings.ToLower(name)]) > 1 || !free(name, n.Hash) {
				name = join(fileQualifier(n.File), n.baseLeaf()+"_"+hashSuffix(n.Hash))
				reason += "; with a hash of the value: the file holds other values under the same name"
			}
		}
		out[i], reasons[i] = name, reason
	}
	return out, reasons
}

// hashSuffix tells apart names of different values: the first eight hex
// digits of a keyed hash's digest (of the hash itself when it is not one).
func hashSuffix(hash string) string {
	if _, d, ok := finding.ParseHash(hash); ok {
		hash = d
	}
	return hash[:min(8, len(hash))]
}

// groupName is the name of the JSON secret holding a file's values
// (--group-by file).
func groupName(prefix, file string) string {
	return SanitizeName(prefix + "/" + fileQualifier(file))
}

// assignKeys gives each value in one grouped file a JSON key: its variable
// (or rule), qualified by a hash prefix when one key would hold several
// values. Inputs with the same key and value share the key.
func assignKeys(in []nameInput) []string {
	hashes := map[string]map[string]bool{}
	for _, n := range in {
		k := n.baseLeaf()
		if hashes[k] == nil {
			hashes[k] = map[string]bool{}
		}
		hashes[k][n.Hash] = true
	}
	out := make([]string, len(in))
	for i, n := range in {
		k := n.baseLeaf()
		if len(hashes[k]) > 1 {
			k += "_" + hashSuffix(n.Hash)
		}
		out[i] = k
	}
	return out
}
