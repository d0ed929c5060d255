package migrate

import (
	"regexp"
	"strings"
)

// URL templates: a value inside a URL whose other parts are substituted
// (`mongodb://${user}:VALUE@host`, f"…{user}:VALUE@…") or passed to one
// ("mongodb://%s:%s@host" % (user, "VALUE")) is named after what the
// whole string is assigned to and the URL part it fills, never after a
// placeholder (user).

// urlStringStart returns where the URL-like string that before ends
// inside starts (its opening quote and string prefix such as f or r
// included), or -1 when before does not end inside a URL.
func urlStringStart(before string) int {
	k := strings.LastIndex(before, "://")
	if k < 0 || strings.ContainsAny(before[k+3:], " \t\"'`") {
		return -1
	}
	j := k
	for j > 0 && isSchemeByte(before[j-1]) {
		j--
	}
	if j == k {
		return -1
	}
	return stringStart(before, j)
}

func isSchemeByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '.' || c == '-'
}

// stringStart extends the start j of a string's text over its opening
// quote and a string prefix glued to it (Python f"", r”, b"").
func stringStart(s string, j int) int {
	if j == 0 || !strings.ContainsRune("\"'`", rune(s[j-1])) {
		return j
	}
	j--
	p := j
	for p > 0 && strings.ContainsRune("fFrRbBuU", rune(s[p-1])) {
		p--
	}
	if j-p <= 2 && (p == 0 || !isIdentByte(s[p-1])) {
		return p
	}
	return j
}

func isIdentByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$'
}

// templateUse is a value passed as an argument to a URL template.
type templateUse struct {
	start    int    // where the template expression starts in the line
	template string // the template literal's text
	index    int    // which placeholder the value fills (0-based)
}

// templateArg reports whether before (the text preceding a value) ends
// in the argument list of a URL template substitution: `"…" % (a, `,
// `"…".format(a, `, `Sprintf("…", a, `. start is -1 when it does not.
func templateArg(before string) (start int, use templateUse) {
	s := strings.TrimRight(before, " \t")
	s = s[:stringStart(s, len(s))] // the value's own opening quote
	s = strings.TrimRight(s, " \t")
	args, depth, p := 0, 0, -1
	for i := len(s) - 1; i >= 0 && p < 0; i-- {
		switch c := s[i]; c {
		case '"', '\'', '`':
			o := strings.LastIndexByte(s[:i], c)
			if o < 0 {
				return -1, use
			}
			i = o
		case ')', ']', '}':
			depth++
		case '[', '{':
			depth--
		case '(':
			if depth == 0 {
				p = i
			}
			depth--
		case ',':
			if depth == 0 {
				args++
			}
		}
		if depth < -1 {
			return -1, use
		}
	}
	if p < 0 {
		return -1, use
	}
	head := strings.TrimRight(s[:p], " \t")
	lit, litStart := "", -1
	switch {
	case strings.HasSuffix(head, "%"), strings.HasSuffix(head, ".format"):
		head = strings.TrimRight(strings.TrimSuffix(strings.TrimSuffix(head, "%"), ".format"), " \t")
		lit, litStart = trailingString(head)
		use.index = args
	case head != "" && isIdentByte(head[len(head)-1]):
		// A formatting call: the template is its first argument.
		rest := strings.TrimLeft(s[p+1:], " \t")
		if args == 0 || rest == "" || !strings.ContainsRune("\"'`", rune(rest[0])) {
			return -1, use
		}
		end := strings.IndexByte(rest[1:], rest[0])
		if end < 0 {
			return -1, use
		}
		lit = rest[1 : 1+end]
		litStart = len(head)
		for litStart > 0 && (isIdentByte(head[litStart-1]) || head[litStart-1] == '.') {
			litStart--
		}
		use.index = args - 1
	}
	if litStart < 0 || !strings.Contains(lit, "://") {
		return -1, use
	}
	use.start, use.template = litStart, lit
	return litStart, use
}

// trailingString returns the text of the string literal s ends with and
// where the literal (with its prefix) starts; -1 when s ends otherwise.
func trailingString(s string) (string, int) {
	if s == "" || !strings.ContainsRune("\"'`", rune(s[len(s)-1])) {
		return "", -1
	}
	q := s[len(s)-1]
	o := strings.LastIndexByte(s[:len(s)-1], q)
	if o < 0 {
		return "", -1
	}
	return s[o+1 : len(s)-1], stringStart(s, o+1)
}

// placeholderRe matches printf verbs (%s, %v), Python and JavaScript
// substitutions ({}, {user}, ${user}).
var placeholderRe = regexp.MustCompile(`%[-+ #0-9.]*[a-zA-Z]|\$?\{[^{}]*\}`)

// part is what the placeholder use.index fills in the template's URL:
// "user", "password" or "".
func (use templateUse) part() string {
	k := strings.Index(use.template, "://")
	at := strings.IndexByte(use.template[k+3:], '@')
	if at < 0 {
		return ""
	}
	lead := len(placeholderRe.FindAllString(use.template[:k+3], -1))
	userinfo := use.template[k+3 : k+3+at]
	user, pass, _ := strings.Cut(userinfo, ":")
	nu := len(placeholderRe.FindAllString(user, -1))
	np := len(placeholderRe.FindAllString(pass, -1))
	switch i := use.index - lead; {
	case i >= 0 && i < nu:
		return "user"
	case i >= nu && i < nu+np:
		return "password"
	}
	return ""
}
