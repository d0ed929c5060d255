package main

import (
	"encoding/base64"
	"regexp"
	"strings"
)

var b64Token = regexp.MustCompile(`[A-Za-z0-9+/_-]{8,}={0,2}`)

// expand returns s and every printable text that base64 tokens inside s
// decode to, recursively (up to three levels), as gitleaks' decoder does.
func expand(s string) []string {
	out := []string{s}
	seen := map[string]bool{s: true}
	frontier := []string{s}
	for depth := 0; depth < 3 && len(frontier) > 0; depth++ {
		var next []string
		for _, t := range frontier {
			for _, tok := range b64Token.FindAllString(t, -1) {
				d, ok := decodeB64(tok)
				if ok && !seen[d] {
					seen[d] = true
					out = append(out, d)
					next = append(next, d)
				}
			}
		}
		frontier = next
	}
	return out
}

func decodeB64(tok string) (string, bool) {
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		b, err := enc.DecodeString(tok)
		if err != nil || len(b) == 0 {
			continue
		}
		ok := true
		for _, c := range b {
			if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c >= 0x7f {
				ok = false
				break
			}
		}
		if ok {
			return string(b), true
		}
	}
	return "", false
}

// related reports whether a reported secret is the labelled credential: one
// holds the other (in clear or after base64 decoding). A reported secret
// that is only a small part of the label (a user name, a prefix) does not
// count.
func related(found, label string) bool {
	for _, f := range expand(found) {
		for _, l := range expand(label) {
			if len(f) < 4 || len(l) < 4 {
				continue
			}
			if strings.Contains(f, l) {
				return true
			}
			if strings.Contains(l, f) && 5*len(f) >= 3*len(l) {
				return true
			}
		}
	}
	return false
}
