package parse

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
)

// walkXML decodes b token by token (RawToken: unmatched or truncated
// elements do not stop it before the damage), calling fn with each token
// and the byte range of its raw text. It returns nil when b was read to
// its end, and the error otherwise.
func walkXML(b []byte, fn func(tok xml.Token, start, end int)) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false
	// Files declare Latin-1 or UTF-16 now and then: passwords are ASCII in
	// practice, so read the bytes as they are rather than give up.
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	for {
		start := int(d.InputOffset())
		tok, err := d.RawToken()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		fn(tok, start, int(d.InputOffset()))
	}
}

// attr returns the value of the attribute named name (case-insensitive,
// no namespace) of e.
func attr(e xml.StartElement, name string) (string, bool) {
	for _, a := range e.Attr {
		if strings.EqualFold(a.Name.Local, name) {
			return a.Value, true
		}
	}
	return "", false
}

// attrSpan finds the value of attribute name in raw, the text of a start
// tag, and returns its byte range there (quotes excluded).
func attrSpan(raw, name string) (int, int, bool) {
	l := strings.ToLower(raw)
	name = strings.ToLower(name)
	for from := 0; ; {
		i := strings.Index(l[from:], name)
		if i < 0 {
			return 0, 0, false
		}
		i += from
		from = i + len(name)
		if i == 0 || !isSpace(l[i-1]) {
			continue
		}
		j := from
		for j < len(l) && isSpace(l[j]) {
			j++
		}
		if j >= len(l) || l[j] != '=' {
			continue
		}
		j++
		for j < len(l) && isSpace(l[j]) {
			j++
		}
		if j >= len(l) || (l[j] != '"' && l[j] != '\'') {
			continue
		}
		q := l[j]
		end := strings.IndexByte(l[j+1:], q)
		if end < 0 {
			return j + 1, len(l), true
		}
		return j + 1, j + 1 + end, true
	}
}

// charSpan returns the range of raw character data without its leading
// and trailing white space.
func charSpan(b []byte, start, end int) (int, int) {
	for start < end && isSpace(b[start]) {
		start++
	}
	for end > start && isSpace(b[end-1]) {
		end--
	}
	return start, end
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
