package parse

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"regexp"
	"strings"

	"github.com/tailscale/hujson"
)

// jsonMember is a string member of a JSON object and where its value is
// written (quotes excluded).
type jsonMember struct {
	key, value string
	start, end int
}

// jsonFrame is an object or array being read.
type jsonFrame struct {
	obj       bool
	key       string // the member key this value is under, in its parent
	expectKey bool
	pending   string // an object's key whose value comes next
	members   []jsonMember
}

// walkJSON reads JSON, with comments and trailing commas (as the editors'
// config files have them), and calls fn for each object with the keys
// leading to it (outermost first) and its string members. Objects left
// open by a truncated or invalid file are passed to fn too. It reports
// whether the file was read to its end.
func walkJSON(b []byte, fn func(path []string, members []jsonMember)) bool {
	std, err := hujson.Standardize(bytes.Clone(b)) // same offsets: comments become spaces
	if err != nil {
		std = b // truncated: read what precedes the damage
	}
	d := json.NewDecoder(bytes.NewReader(std))
	d.UseNumber()
	var stack []*jsonFrame
	path := func() []string {
		p := make([]string, 0, len(stack))
		for _, f := range stack[1:] {
			p = append(p, f.key)
		}
		return p
	}
	ok := err == nil
	for {
		tok, err := d.Token()
		if err != nil {
			ok = ok && len(stack) == 0 && errors.Is(err, io.EOF)
			break
		}
		var top *jsonFrame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		key := ""
		if top != nil && top.obj {
			key = top.pending
		}
		switch v := tok.(type) {
		case json.Delim:
			switch v {
			case '{', '[':
				if top != nil && top.obj {
					top.expectKey = true
				}
				stack = append(stack, &jsonFrame{obj: v == '{', key: key, expectKey: v == '{'})
			default:
				if top != nil && top.obj {
					fn(path(), top.members)
				}
				stack = stack[:max(len(stack)-1, 0)]
			}
			continue
		case string:
			if top != nil && top.obj && top.expectKey {
				top.pending, top.expectKey = v, false
				continue
			}
			if top != nil && top.obj {
				end := int(d.InputOffset()) - 1 // the closing quote
				start := openQuote(std, end)
				top.members = append(top.members, jsonMember{key: key, value: v, start: start + 1, end: end})
			}
		}
		if top != nil && top.obj {
			top.expectKey = true
		}
	}
	for i := len(stack) - 1; i >= 0; i-- {
		if stack[i].obj {
			stack = stack[:i+1]
			fn(path(), stack[i].members)
		}
	}
	return ok
}

// openQuote returns the offset of the quote that opens the JSON string
// whose closing quote is at end.
func openQuote(b []byte, end int) int {
	for i := end - 1; i >= 0; i-- {
		if b[i] != '"' {
			continue
		}
		n := 0
		for j := i - 1; j >= 0 && b[j] == '\\'; j-- {
			n++
		}
		if n%2 == 0 {
			return i
		}
	}
	return 0
}

// member returns the value of the first member named one of keys
// (case-insensitive).
func member(ms []jsonMember, keys ...string) string {
	for _, k := range keys {
		for _, m := range ms {
			if strings.EqualFold(m.key, k) {
				return m.value
			}
		}
	}
	return ""
}

// userAt joins a user and a host into a candidate's context.
func userAt(user, host string) string {
	if user == "" || host == "" {
		return user + host
	}
	return user + "@" + host
}

// jsonLineMember matches a "key": "value" member on one line.
var jsonLineMember = regexp.MustCompile(`"([\w.-]+)"\s*:\s*"((?:[^"\\]|\\.)*)"`)

// jsonLines finds members named one of keys line by line, for files the
// JSON reader gave up on.
func jsonLines(t *text, keys map[string]bool) []Candidate {
	var out []Candidate
	t.each(0, func(line, start int, s string) {
		if !strings.Contains(s, `"`) {
			return
		}
		for _, m := range jsonLineMember.FindAllStringSubmatchIndex(s, -1) {
			if !keys[strings.ToLower(s[m[2]:m[3]])] {
				continue
			}
			var v string
			if json.Unmarshal([]byte(s[m[4]-1:m[5]+1]), &v) != nil {
				continue
			}
			out = append(out, t.candidate(s[m[2]:m[3]], v, start+m[4], start+m[5]))
		}
	})
	return out
}
