package parse

import (
	"strconv"
	"strings"
)

// esmtprc reads esmtp's and msmtp's configuration (.esmtprc, .msmtprc,
// msmtprc): "password = secret" or "password secret" lines, the value
// quoted or not, under an identity or account.
type esmtprc struct{}

func (esmtprc) ID() string { return "smtp-client-password" }

func (esmtprc) Description() string {
	return "Password in an SMTP client's configuration (.esmtprc, .msmtprc)"
}

func (esmtprc) Match(path string) bool {
	return nameIs(path, ".esmtprc", "esmtprc", ".msmtprc", "msmtprc")
}

func (esmtprc) Parse(_ string, b []byte) []Candidate {
	t := newText(b)
	var out []Candidate
	ctx := ""
	t.each(0, func(line, start int, s string) {
		key, v, vs, ve, ok := confLine(s)
		if !ok {
			return
		}
		switch key {
		case "identity", "account", "user", "username":
			ctx = v
		case "password":
			c := t.candidate(key, v, start+vs, start+ve)
			c.Context = ctx
			out = append(out, c)
		}
	})
	return withTag(out, TagCredFile)
}

// confLine splits a "key = value", "key: value" or "key value" line of a
// configuration file into its lower-cased key and its value (unquoted, a
// trailing # comment dropped), with the value's byte range as written.
func confLine(s string) (key, v string, vs, ve int, ok bool) {
	i := 0
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	ks := i
	for i < len(s) && !isSpace(s[i]) && s[i] != '=' && s[i] != ':' {
		i++
	}
	if ks == i || s[ks] == '#' || s[ks] == ';' {
		return "", "", 0, 0, false
	}
	key = strings.ToLower(s[ks:i])
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	if i < len(s) && (s[i] == '=' || s[i] == ':') {
		i++
		for i < len(s) && isSpace(s[i]) {
			i++
		}
	}
	if i >= len(s) {
		return "", "", 0, 0, false
	}
	if q := s[i]; q == '"' || q == '\'' {
		end := strings.IndexByte(s[i+1:], q)
		for end >= 0 && q == '"' && s[i+end] == '\\' {
			next := strings.IndexByte(s[i+end+2:], q)
			if next < 0 {
				end = -1
				break
			}
			end += next + 1
		}
		if end < 0 {
			return key, s[i+1:], i + 1, len(s), true // unterminated: the rest of the line
		}
		raw := s[i : i+end+2]
		v = raw[1 : len(raw)-1]
		if q == '"' {
			if u, err := strconv.Unquote(raw); err == nil {
				v = u
			}
		}
		return key, v, i + 1, i + end + 1, true
	}
	e := len(s)
	if j := strings.Index(s[i:], " #"); j >= 0 {
		e = i + j
	}
	for e > i && isSpace(s[e-1]) {
		e--
	}
	return key, s[i:e], i, e, true
}

func (esmtprc) TruePositives() []Sample {
	return []Sample{
		{Path: "dotfiles/.esmtprc", Text: "identity = me@mail.test\n\thostname = smtp.mail.test:587\n\tusername = \"me@mail.test\"\n\tpassword = \"smtp-Pw-4471\"\n\tstarttls = required\n",
			Secrets: []string{"smtp-Pw-4471"}},
		{Path: ".msmtprc", Text: "defaults\ntls on\n\naccount work\nhost smtp.work.test\nuser jd\npassword hunter22 # old one\n",
			Secrets: []string{"hunter22"}},
	}
}

func (esmtprc) FalsePositives() []Sample {
	return []Sample{
		{Path: ".msmtprc", Text: "account work\nhost smtp.work.test\nuser jd\npasswordeval \"pass show mail/work\"\n"},
		{Path: ".esmtprc", Text: "hostname = smtp.mail.test:587\n# password = \"smtp-Pw-4471\"\n"},
	}
}
