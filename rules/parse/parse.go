// Package parse holds secretsweep's credential-file parsers: each reads one
// kind of file of a developer tool (an FTP client's site list, a database
// GUI's connections, the git credential store, a SQL dump) with a real
// parser and returns the credentials it holds, whatever their strength.
// The engine (scanner/engine) runs them beside the regex rules on the paths
// they match, and turns their candidates into findings.
package parse

import "strings"

// Parser extracts credentials from one kind of file.
type Parser interface {
	// ID is the rule id of the parser's findings.
	ID() string
	// Description says what the parser's findings are.
	Description() string
	// Match reports whether the parser reads a file at path (slash
	// separated). It looks at the name only and must be cheap: it runs for
	// every file scanned.
	Match(path string) bool
	// Parse returns the candidates of text, a file Match accepted. It must
	// not panic on any input: invalid or truncated files are read as far
	// as they go, then line by line.
	Parse(path string, text []byte) []Candidate
	// TruePositives are files the parser must report (each sample's
	// Secrets, in order); FalsePositives are files it must not report.
	TruePositives() []Sample
	FalsePositives() []Sample
}

// Candidate is a credential a parser found.
type Candidate struct {
	// RuleID overrides the parser's ID (for a second kind of finding, such
	// as a password hash); it must start with the parser's ID.
	RuleID string
	// Key names the field that holds the value (Pass, password, ...).
	Key string
	// Secret is the credential, decoded when the file encodes it.
	Secret string
	// Line is the 0-based line of the value; Col and Len give the byte
	// column in that line and the length of the value as written (encoded,
	// quoted parts excluded). A value spanning lines is cut at its line end.
	Line, Col, Len int
	// Context names what the credential opens (user@host), when known.
	Context string
	// Tags go on the finding: credfile, provider, confidence:<level>.
	Tags []string
}

// Sample is a file for a parser's tests.
type Sample struct {
	Path    string
	Text    string
	Secrets []string // the secrets a true positive yields, in order
}

// TagCredFile marks a finding from a credential file: every password field
// in it is a credential, weak or strong.
const TagCredFile = "credfile"

// Run parses text with p and keeps the candidates that hold a credential:
// not empty, not a reference to a secret kept elsewhere, not a placeholder
// (Placeholder), not the field's name nor the user's, one per line,
// secret and rule. Only candidates on lines
// for which keep returns true are returned (keep nil: every line).
func Run(p Parser, path string, text []byte, keep func(line int) bool) []Candidate {
	found := p.Parse(path, text)
	out := found[:0]
	type key struct {
		line         int
		rule, secret string
	}
	seen := map[key]bool{}
	for _, c := range found {
		if c.RuleID == "" {
			c.RuleID = p.ID()
		}
		// A value that repeats its field's name is a template's ("password":
		// "password"), one that repeats the user name a default (test/test,
		// postgres/postgres); a weak password is still a credential.
		if len(c.Secret) > MaxSecretLen || Placeholder(c.Secret) || strings.EqualFold(c.Secret, c.Key) || sameAsUser(c) || (keep != nil && !keep(c.Line)) {
			continue
		}
		k := key{c.Line, c.RuleID, c.Secret}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, c)
	}
	return out
}

// MaxSecretLen is the longest value a parser's candidate may hold: a
// password, token or key file line, not a blob (a 20 MB one-line value
// cost the placeholder checks seconds). Longer values are data, not one
// credential, and the regex rules still see the file.
const MaxSecretLen = 16 << 10

// sameAsUser reports whether c's secret is the user name of its context
// (user@host).
func sameAsUser(c Candidate) bool {
	return c.Context == c.Secret || strings.HasPrefix(c.Context, c.Secret+"@")
}

// base returns the last element of a slash-separated path.
func base(path string) string {
	if i := strings.LastIndexByte(path, '/'); i >= 0 {
		return path[i+1:]
	}
	return path
}

// dir returns path without its last element ("" at the root).
func dir(path string) string {
	if i := strings.LastIndexByte(path, '/'); i >= 0 {
		return path[:i]
	}
	return ""
}

// Superseding is a parser that shares its id with a rule of rules/ and
// replaces that rule's findings in the files it reads: it runs only when
// the config holds the rule (a config that disables the rule disables it).
type Superseding interface {
	Parser
	Supersedes() bool
}

// PathOnly is a parser that reports the files it matches by path alone,
// whatever they hold (binary files included): the file is the credential.
type PathOnly interface {
	Parser
	PathOnly() bool
}

// nameIs reports whether path's last element is one of names, ignoring
// ASCII case. Match functions use it: they run for every file scanned and
// must not allocate.
func nameIs(path string, names ...string) bool {
	b := base(path)
	for _, n := range names {
		if strings.EqualFold(b, n) {
			return true
		}
	}
	return false
}

// hasSuffixFold is strings.HasSuffix ignoring ASCII case.
func hasSuffixFold(s, suffix string) bool {
	return len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix)
}
