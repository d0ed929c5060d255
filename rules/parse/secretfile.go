package parse

import "strings"

// secretFile reads files that hold one password and nothing else: Docker
// Compose and Swarm secrets (secrets: db-password: file: db/password.txt),
// Kubernetes secret volumes copied into a repository, *_password files
// read by entrypoints (MYSQL_ROOT_PASSWORD_FILE). The name says what the
// file is; the content must be one token on one line.
type secretFile struct{}

func (secretFile) ID() string { return "password-file" }

func (secretFile) Description() string {
	return "File holding only a password (Docker secret, *_password file)"
}

// Match takes files whose name holds password or passwd, with no extension
// or .txt/.secret, and .txt files in a secrets directory. It does not
// allocate: it runs for every file scanned.
func (secretFile) Match(path string) bool {
	b := base(path)
	stem := b
	switch {
	case hasSuffixFold(b, ".txt"), hasSuffixFold(b, ".secret"):
		stem = b[:strings.LastIndexByte(b, '.')]
	case strings.IndexByte(b, '.') >= 0:
		return false
	}
	if containsFold(stem, "password") || containsFold(stem, "passwd") {
		return !containsFold(stem, "passwords") // word lists
	}
	return hasSuffixFold(b, ".txt") && nameIs(dir(path), "secrets", ".secrets")
}

// Parse reports the file's one token: 4 to 200 bytes without spaces on a
// single line (a trailing newline allowed). Anything else is a document,
// a list or a template, not a password file.
func (secretFile) Parse(_ string, b []byte) []Candidate {
	t := newText(b)
	s := strings.TrimRight(t.s, "\r\n")
	if len(s) < 4 || len(s) > 200 || strings.ContainsAny(s, " \t\r\n") {
		return nil
	}
	c := t.candidate("password", s, 0, len(s))
	c.Tags = []string{"credfile"}
	return []Candidate{c}
}

// containsFold is strings.Contains ignoring ASCII case, without
// allocating; sub must be lower-case.
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

func (secretFile) TruePositives() []Sample {
	return []Sample{
		{Path: "db/password.txt", Text: "Qz7mK2pLx9\n", Secrets: []string{"Qz7mK2pLx9"}},
		{Path: "stack/db-password.txt", Text: "wh4leHello", Secrets: []string{"wh4leHello"}},
		{Path: "deploy/mysql_root_password", Text: "r00t!pw\n", Secrets: []string{"r00t!pw"}},
		{Path: "compose/secrets/api_token.txt", Text: "tK9v2LmQx7Tz4wR8\n", Secrets: []string{"tK9v2LmQx7Tz4wR8"}},
	}
}

func (secretFile) FalsePositives() []Sample {
	return []Sample{
		{Path: "db/password.txt", Text: "Put the database password in this file.\n"},
		{Path: "db/password.txt", Text: "<password>\n"},
		{Path: "wordlists/passwords.txt", Text: "123456\npassword\nqwerty\n"},
		{Path: "db/password.txt", Text: "line1pass\nline2pass\n"},
		{Path: "src/password.go", Text: "package password\n"},
		{Path: "docs/password-reset.md", Text: "Reset"},
		{Path: "db/password.txt", Text: "abc\n"},
	}
}
