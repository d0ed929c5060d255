package confidence

import (
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// requestField matches a password field of a request body: JSON
// ("password": "…") or a form or query field (&password=…, curl -d
// 'password=…'), as API guides
// and .http files write sign-up and login requests.
var requestField = regexp.MustCompile(`(?i)["']?\w*pass(?:w(?:or)?d)?\w*["']?[ \t]*:[ \t]*["']|[?&]\w*pass(?:w(?:or)?d)?\w*=|(?:-d|--data(?:-raw|-urlencoded)?|-F)[ \t]+["'][^"']*?\bpass(?:w(?:or)?d)?\w*=`)

// signupExample reports a password field of a request body in a docs or
// request file (.md, .http, API notes without an extension) that the
// engine tagged finding.TagSignup: the sign-up example of an API guide, or
// the login that follows it, whose password belongs to a user the reader
// creates. In the real-code corpus such lines were false 38 times in 45;
// the true ones were config snippets and exports, which are no request
// fields.
func signupExample(f *finding.Finding) bool {
	if !slices.Contains(f.Tags, finding.TagSignup) || !requestField.MatchString(f.Line) {
		return false
	}
	k := kindOf(f.File)
	ext := strings.ToLower(path.Ext(f.File))
	return k == kindDocs || ext == ".http" || ext == ".rest" || (k == kindOther && ext == "")
}
