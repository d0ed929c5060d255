package parse

import (
	"strconv"
	"strings"
)

// KV is a key and its value in a dotenv, Java .properties or INI file, as
// the file's own reader would see them (quotes removed, escapes decoded,
// continuation lines joined), with where the value is written.
type KV struct {
	Section    string // INI section, "" outside any
	Key, Value string
	// Line is the 0-based line where the value starts, Col its byte column
	// there, Len its length as written on that line (a value continued on
	// further lines is cut at the first line's end).
	Line, Col, Len int
	Quoted         bool
}

// Key/value file formats KeyValues reads.
const (
	FormatNone       = ""
	FormatDotenv     = "dotenv"
	FormatProperties = "properties"
	FormatINI        = "ini"
)

// KVFormat returns the key/value format of a file by its name.
func KVFormat(path string) string {
	name := strings.ToLower(base(path))
	switch {
	case name == ".env" || strings.HasPrefix(name, ".env.") || strings.HasSuffix(name, ".env"):
		return FormatDotenv
	case strings.HasSuffix(name, ".properties"):
		return FormatProperties
	case strings.HasSuffix(name, ".ini") || strings.HasSuffix(name, ".cfg"):
		return FormatINI
	}
	return FormatNone
}

// KeyValues extracts the key/value pairs of a dotenv, .properties or INI
// file (KVFormat); nil for other files. Malformed lines are skipped.
func KeyValues(path string, b []byte) []KV {
	switch KVFormat(path) {
	case FormatDotenv:
		return dotenvKVs(newText(b))
	case FormatProperties:
		return propertiesKVs(newText(b))
	case FormatINI:
		return iniKVs(newText(b))
	}
	return nil
}

// dotenvKVs reads KEY=value lines, with an optional export, values bare
// (up to a " #" comment), single-quoted (literal) or double-quoted
// (escapes, and new lines until the closing quote).
func dotenvKVs(t *text) []KV {
	var out []KV
	skip := -1 // lines consumed by a multi-line value
	t.each(0, func(line, start int, s string) {
		if line <= skip {
			return
		}
		i := skipSpace(s, 0)
		if strings.HasPrefix(s[i:], "export ") || strings.HasPrefix(s[i:], "export\t") {
			i = skipSpace(s, i+7)
		}
		ks := i
		for i < len(s) && (s[i] == '_' || s[i] == '.' || s[i] == '-' || isAlnum(s[i])) {
			i++
		}
		if i == ks || i >= len(s) || (s[i] != '=' && s[i] != ':') {
			return
		}
		key := s[ks:i]
		i = skipSpace(s, i+1)
		kv := KV{Key: key, Line: line, Col: i}
		switch {
		case i < len(s) && (s[i] == '\'' || s[i] == '`'):
			q := s[i]
			end := strings.IndexByte(s[i+1:], q)
			if end < 0 {
				return // unterminated
			}
			kv.Value, kv.Col, kv.Len, kv.Quoted = s[i+1:i+1+end], i+1, end, true
		case i < len(s) && s[i] == '"':
			v, n, closed := dqValue(t.s[start+i+1:])
			if !closed {
				return
			}
			kv.Value, kv.Col, kv.Quoted = v, i+1, true
			kv.Len = min(n, len(s)-i-1)
			if nl := strings.Count(t.s[start+i+1:start+i+1+n], "\n"); nl > 0 {
				skip = line + nl
			}
		default:
			e := len(s)
			if j := strings.Index(s[i:], " #"); j >= 0 {
				e = i + j
			}
			for e > i && isSpace(s[e-1]) {
				e--
			}
			kv.Value, kv.Len = s[i:e], e-i
		}
		out = append(out, kv)
	})
	return out
}

// dqValue reads a double-quoted dotenv value from just after its opening
// quote: its value, the bytes it spans before the closing quote, and
// whether that quote was found.
func dqValue(s string) (string, int, bool) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"':
			return b.String(), i, true
		case '\\':
			if i+1 < len(s) {
				i++
				switch s[i] {
				case 'n':
					b.WriteByte('\n')
				case 't':
					b.WriteByte('\t')
				case 'r':
					b.WriteByte('\r')
				default:
					b.WriteByte(s[i])
				}
			}
		default:
			b.WriteByte(c)
		}
	}
	return "", len(s), false
}

// propertiesKVs reads a Java .properties file as java.util.Properties.load
// does: # and ! comments, key and value separated by =, : or white space,
// escapes (\t \n \uXXXX ...), a line ending in an odd number of
// backslashes continued on the next (its leading white space dropped).
func propertiesKVs(t *text) []KV {
	var out []KV
	var logical strings.Builder
	var first KV // the place of the logical line's value
	cont := false
	t.each(0, func(line, start int, s string) {
		if !cont {
			i := skipSpace(s, 0)
			if i == len(s) || s[i] == '#' || s[i] == '!' {
				return
			}
			logical.Reset()
			first = KV{Line: line}
			// Key: up to an unescaped separator.
			j := i
			for j < len(s) && s[j] != '=' && s[j] != ':' && !isSpace(s[j]) {
				if s[j] == '\\' {
					j++
				}
				j++
			}
			j = min(j, len(s))
			first.Key = unescapeProperties(s[i:j])
			k := skipSpace(s, j)
			if k < len(s) && (s[k] == '=' || s[k] == ':') {
				k = skipSpace(s, k+1)
			}
			first.Col = k
			s = s[k:]
		} else {
			s = s[skipSpace(s, 0):]
		}
		body, more := continued(s)
		logical.WriteString(body)
		if first.Line == line {
			first.Len = len(body)
		}
		cont = more
		if !more {
			kv := first
			kv.Value = unescapeProperties(logical.String())
			out = append(out, kv)
		}
	})
	return out
}

// continued strips the backslash that continues a .properties line.
func continued(s string) (string, bool) {
	n := 0
	for i := len(s) - 1; i >= 0 && s[i] == '\\'; i-- {
		n++
	}
	if n%2 == 1 {
		return s[:len(s)-1], true
	}
	return s, false
}

// unescapeProperties decodes a .properties key or value.
func unescapeProperties(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		switch s[i] {
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 'f':
			b.WriteByte('\f')
		case 'u':
			if i+5 <= len(s) {
				if r, err := strconv.ParseUint(s[i+1:i+5], 16, 32); err == nil {
					b.WriteRune(rune(r))
					i += 4
					continue
				}
			}
			b.WriteByte('u')
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// iniKVs reads [section] headers and key = value (or key: value) lines,
// ; and # comments, inline comments after white space, quoted values.
func iniKVs(t *text) []KV {
	var out []KV
	section := ""
	t.each(0, func(line, start int, s string) {
		i := skipSpace(s, 0)
		if i == len(s) || s[i] == ';' || s[i] == '#' {
			return
		}
		if s[i] == '[' {
			if e := strings.IndexByte(s[i:], ']'); e > 0 {
				section = strings.TrimSpace(s[i+1 : i+e])
			}
			return
		}
		sep := strings.IndexAny(s[i:], "=:")
		if sep <= 0 {
			return
		}
		key := strings.TrimSpace(s[i : i+sep])
		v := skipSpace(s, i+sep+1)
		kv := KV{Section: section, Key: key, Line: line, Col: v}
		if v < len(s) && (s[v] == '"' || s[v] == '\'') {
			if e := strings.IndexByte(s[v+1:], s[v]); e >= 0 {
				kv.Value, kv.Col, kv.Len, kv.Quoted = s[v+1:v+1+e], v+1, e, true
				out = append(out, kv)
				return
			}
		}
		e := len(s)
		for _, c := range []string{" ;", "\t;", " #", "\t#"} {
			if j := strings.Index(s[v:], c); j >= 0 && v+j < e {
				e = v + j
			}
		}
		for e > v && isSpace(s[e-1]) {
			e--
		}
		kv.Value, kv.Len = s[v:e], e-v
		out = append(out, kv)
	})
	return out
}

func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\f') {
		i++
	}
	return i
}

func isAlnum(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}
