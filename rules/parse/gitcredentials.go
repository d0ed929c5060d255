package parse

import (
	"net/url"
	"strings"
)

// gitCredentials reads git's credential store (.git-credentials,
// ~/.config/git/credentials): one https://user:password@host URL per line,
// user and password percent-encoded by git, though hand-written lines hold
// a raw @ now and then, so the host starts after the last @.
type gitCredentials struct{}

func (gitCredentials) ID() string { return "git-credential-store-password" }

func (gitCredentials) Description() string {
	return "Password or token in git's credential store (.git-credentials)"
}

func (gitCredentials) Match(path string) bool {
	return nameIs(path, ".git-credentials", "git-credentials") || (nameIs(path, "credentials") && nameIs(dir(path), "git"))
}

func (gitCredentials) Parse(_ string, b []byte) []Candidate {
	t := newText(b)
	var out []Candidate
	t.each(0, func(line, start int, s string) {
		i := strings.Index(s, "://")
		if i < 0 {
			return
		}
		rest := s[i+3:]
		if e := strings.IndexAny(rest, " \t"); e >= 0 {
			rest = rest[:e]
		}
		at := strings.LastIndexByte(rest, '@')
		if at < 0 {
			return
		}
		colon := strings.IndexByte(rest[:at], ':')
		if colon < 0 {
			return
		}
		raw := rest[colon+1 : at]
		secret := raw
		if u, err := url.PathUnescape(raw); err == nil {
			secret = u
		}
		user := rest[:colon]
		if u, err := url.PathUnescape(user); err == nil {
			user = u
		}
		host := rest[at+1:]
		if e := strings.IndexByte(host, '/'); e >= 0 {
			host = host[:e]
		}
		vs := start + i + 3 + colon + 1
		c := t.candidate("password", secret, vs, vs+len(raw))
		c.Context = userAt(user, host)
		out = append(out, c)
	})
	return withTag(out, TagCredFile)
}

func (gitCredentials) TruePositives() []Sample {
	return []Sample{
		{Path: "home/.git-credentials", Text: "https://jdoe:s3cr3t%40pw@git.corp.test\nhttps://ci%40corp.test:Tk9%2Fq7Lm@gitlab.corp.test:8443\n",
			Secrets: []string{"s3cr3t@pw", "Tk9/q7Lm"}},
		{Path: ".config/git/credentials", Text: "https://bot@corp.test:raw@pass@git.corp.test\n",
			Secrets: []string{"raw@pass"}},
	}
}

func (gitCredentials) FalsePositives() []Sample {
	return []Sample{
		{Path: ".git-credentials", Text: "https://git.corp.test\nhttps://jdoe@git.corp.test\n"},
		{Path: ".git-credentials", Text: "https://jdoe:${GIT_TOKEN}@git.corp.test\n"},
	}
}
