package parse

import "strings"

// netrc reads .netrc and _netrc files: machine, login, account and
// password tokens separated by white space (a value may be quoted), macdef
// bodies skipped. The rule of the same id (rules/netrc.go) finds entries
// anywhere but leaves out weak passwords and reports an entry's first
// line; in the file itself every password is a credential, reported on
// its own line, and this parser's finding replaces the rule's.
type netrc struct{}

func (netrc) ID() string { return "netrc-password" }

// Supersedes marks the parser as replacing the rule of its id.
func (netrc) Supersedes() bool { return true }

func (netrc) Description() string { return "Password in a .netrc machine entry" }

func (netrc) Match(path string) bool {
	return nameIs(path, ".netrc", "_netrc")
}

// netrcToken is a token of a .netrc file and its byte range.
type netrcToken struct {
	s          string
	start, end int
}

func (netrc) Parse(_ string, b []byte) []Candidate {
	t := newText(b)
	toks := netrcTokens(t.s)
	var out []Candidate
	machine, login := "", ""
	for i := 0; i < len(toks); i++ {
		switch toks[i].s {
		case "machine":
			machine, login = "", ""
			if i+1 < len(toks) {
				i++
				machine = toks[i].s
			}
		case "default":
			machine, login = "default", ""
		case "login", "account":
			if i+1 < len(toks) {
				i++
				if toks[i-1].s == "login" {
					login = toks[i].s
				}
			}
		case "password":
			if i+1 < len(toks) {
				i++
				c := t.candidate("password", toks[i].s, toks[i].start, toks[i].end)
				c.Context = userAt(login, machine)
				out = append(out, c)
			}
		case "macdef":
			// The macro's body runs to the next empty line.
			e := strings.Index(t.s[toks[i].end:], "\n\n")
			if e < 0 {
				return withTag(out, TagCredFile)
			}
			stop := toks[i].end + e
			for i+1 < len(toks) && toks[i+1].start < stop {
				i++
			}
		}
	}
	return withTag(out, TagCredFile)
}

// netrcTokens splits a .netrc file into white-space separated tokens; a
// double-quoted token holds white space and \" escapes. # comments run to
// the end of their line.
func netrcTokens(s string) []netrcToken {
	var out []netrcToken
	for i := 0; i < len(s); {
		switch c := s[i]; {
		case isSpace(c):
			i++
		case c == '#' && (i == 0 || s[i-1] == '\n' || isSpace(s[i-1])):
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case c == '"':
			var v strings.Builder
			j := i + 1
			for ; j < len(s) && s[j] != '"' && s[j] != '\n'; j++ {
				if s[j] == '\\' && j+1 < len(s) && s[j+1] != '\n' {
					j++
				}
				v.WriteByte(s[j])
			}
			out = append(out, netrcToken{v.String(), i + 1, j})
			i = j + 1
		default:
			j := i
			for j < len(s) && !isSpace(s[j]) {
				j++
			}
			out = append(out, netrcToken{s[i:j], i, j})
			i = j
		}
	}
	return out
}

func (netrc) TruePositives() []Sample {
	return []Sample{
		{Path: "home/.netrc", Text: "machine git.corp.test login ci password hunter22\n\nmachine api.corp.test\n  login bot\n  password \"two words\"\n\ndefault login anonymous password guest@\n",
			Secrets: []string{"hunter22", "two words", "guest@"}},
		{Path: "_netrc", Text: "macdef init\ncd /pub\npassword notatoken\n\nmachine ftp.corp.test login u password Xk9!mQ2v\n",
			Secrets: []string{"Xk9!mQ2v"}},
	}
}

func (netrc) FalsePositives() []Sample {
	return []Sample{
		{Path: ".netrc", Text: "machine github.com\n  login x-access-token\n  password ${GITHUB_TOKEN}\n"},
		{Path: ".netrc", Text: "# machine a.test login u password Xk9!mQ2v\nmachine b.test login u\n"},
		{Path: ".netrc", Text: "machine localhost login test password test\n"},
	}
}
