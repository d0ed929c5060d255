package rules

import (
	"encoding/base64"

	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/regexp"
)

// basicCredential finds HTTP Basic credentials without their header name
// (HTTP cassettes, Postman collections, HAR files, fixtures): the base64
// value must decode to user:password with a password that is not a
// placeholder.
func basicCredential() Rule {
	return build(spec{
		id:          "generic-basic-credential",
		description: "HTTP Basic credential (base64 user:password) recorded as a header value",
		regex:       `(?i)(?:^|[\s"'\x60\[(=:,])basic[ \t]+([A-Za-z0-9+/]{8,}={0,2})(?:[\s"'\x60\]),;]|\\[nr"]|$)`,
		keywords:    []string{"basic "},
		tags:        []string{"http"},
		weakOK:      true,
		allow:       []*config.Allowlist{lineAllow("covered by gitleaks' curl-auth-header", `\bcurl\b`)},
		check:       basicCheck,
		tps: []string{
			// deploy:pass1234, svc-ci:Rv8!qL2mXz7k
			"      Authorization:\n      - Basic ZGVwbG95OnBhc3MxMjM0\n",
			"{\"name\": \"Authorization\", \"value\": \"Basic c3ZjLWNpOlJ2OCFxTDJtWHo3aw==\"}\n",
			"\"header\": [{\"key\": \"Authorization\", \"value\": \"Basic ZGVwbG95OnBhc3MxMjM0\"}]\n",
		},
		fps: []string{
			// user:password, admin:admin, aGVsbG8gd29ybGQ= (no colon), <token>
			"      - Basic dXNlcjpwYXNzd29yZA==\n",
			"      - Basic YWRtaW46YWRtaW4=\n",
			"      - Basic aGVsbG8gd29ybGQ=\n",
			"\"value\": \"Basic {{basic_auth}}\"\n",
			"basic authentication is required\n",
			// user:${PASSWORD}
			"      - Basic dXNlcjoke1BBU1NXT1JEfQ==\n",
		},
	})
}

// basicPlaceholder matches the passwords the weak-password rules drop.
var basicPlaceholder = regexp.MustCompile("(?:" + strings.Join(append(append(append(append([]string{}, placeholderRegexes...), proseRegexes[:]...), passwordPlaceholderRegexes...), nameRegexes...), ")|(?:") + ")")

// basicCheck decodes a Basic credential and keeps it when it is a
// printable user:password whose password is not a placeholder, the user
// name, or one of the placeholder stop words.
func basicCheck(_, secret string) bool {
	raw, err := base64.StdEncoding.DecodeString(secret)
	if err != nil {
		if raw, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(secret, "=")); err != nil {
			return false
		}
	}
	s := string(raw)
	if !utf8.ValidString(s) || strings.IndexFunc(s, func(r rune) bool { return !unicode.IsPrint(r) }) >= 0 {
		return false
	}
	user, pass, ok := strings.Cut(s, ":")
	if !ok || pass == "" || strings.EqualFold(user, pass) || basicPlaceholder.MatchString(pass) {
		return false
	}
	l := strings.ToLower(pass)
	for _, w := range placeholderStopwords {
		if strings.Contains(l, w) {
			return false
		}
	}
	return true
}
