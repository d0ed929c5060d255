package rewrite

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// helperBase is the base name of every generated helper file.
const helperBase = "secretsweep_secrets"

// edit replaces src[start:end] with text.
type edit struct {
	start, end int
	text       string
}

// applyEdits applies non-overlapping edits to src. Overlapping edits are an
// error (the file is then left alone).
func applyEdits(src []byte, edits []edit) ([]byte, error) {
	// Inserted lines follow the file's line endings.
	crlf := strings.Contains(string(src), "\r\n")
	sorted := append([]edit(nil), edits...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].start < sorted[j].start })
	var b strings.Builder
	pos := 0
	for _, e := range sorted {
		if e.start < pos || e.end < e.start || e.end > len(src) {
			return nil, fmt.Errorf("internal error: overlapping edits")
		}
		b.Write(src[pos:e.start])
		text := e.text
		if crlf && strings.Contains(text, "\n") {
			text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\n", "\r\n")
		}
		b.WriteString(text)
		pos = e.end
	}
	b.Write(src[pos:])
	return []byte(b.String()), nil
}

// lineStarts returns the byte offset of the start of every line (index 0 is
// line 1).
func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// secretRef describes where a value now lives, for comments and notes.
func secretRef(t Target) string {
	if t.Key != "" {
		return fmt.Sprintf("AWS Secrets Manager secret %q, JSON key %q", t.SecretID, t.Key)
	}
	return fmt.Sprintf("AWS Secrets Manager secret %q", t.SecretID)
}

// manual builds a ManualStep.
func manual(t Target, format string, args ...any) ManualStep {
	return ManualStep{Target: t, Reason: fmt.Sprintf(format, args...)}
}

// notFound is the manual step for a target whose literal was not located.
func notFound(t Target) ManualStep {
	m := manual(t, "no literal holding the secret (fingerprint %s) was found on line %d", t.Fingerprint, t.Line)
	m.NotFound = true
	return m
}

// quoteC quotes s as a double-quoted string literal valid in Python, JavaScript,
// TypeScript and Java: backslash, quote and control characters are escaped,
// other characters are kept as UTF-8 (all three read UTF-8 source). Callers
// check utf8.ValidString first.
func quoteC(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == '"':
			b.WriteString(`\"`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// ident turns s into an identifier fragment: letters, digits and
// underscores, never empty, never starting with a digit.
func ident(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	out := strings.Trim(b.String(), "_")
	if out == "" {
		return "SECRET"
	}
	if out[0] >= '0' && out[0] <= '9' {
		out = "S_" + out
	}
	return out
}

// decodeEscapes decodes the C-like escapes shared by Python, JavaScript and
// Java string literals. ok is false for an escape it does not know, so that
// callers never match on a guess.
func decodeEscapes(s string) (string, bool) {
	if !strings.Contains(s, `\`) {
		return s, true
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		if i+1 >= len(s) {
			return "", false
		}
		i++
		switch s[i] {
		case '\\', '\'', '"', '`', '$':
			b.WriteByte(s[i])
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'x':
			if i+2 >= len(s) {
				return "", false
			}
			v, ok := hexValue(s[i+1 : i+3])
			if !ok {
				return "", false
			}
			b.WriteRune(rune(v))
			i += 2
		case 'u':
			if i+4 >= len(s) {
				return "", false
			}
			v, ok := hexValue(s[i+1 : i+5])
			if !ok || (v >= 0xd800 && v <= 0xdfff) {
				return "", false
			}
			b.WriteRune(rune(v))
			i += 4
		default:
			return "", false
		}
	}
	return b.String(), true
}

func hexValue(s string) (int, bool) {
	v := 0
	for _, c := range []byte(s) {
		switch {
		case c >= '0' && c <= '9':
			v = v*16 + int(c-'0')
		case c >= 'a' && c <= 'f':
			v = v*16 + int(c-'a') + 10
		case c >= 'A' && c <= 'F':
			v = v*16 + int(c-'A') + 10
		default:
			return 0, false
		}
	}
	return v, true
}

// splitAround splits value around the first occurrence of secret.
func splitAround(value, secret string) (pre, post string, ok bool) {
	i := strings.Index(value, secret)
	if i < 0 || secret == "" {
		return "", "", false
	}
	return value[:i], value[i+len(secret):], true
}

// concatC builds ("pre" + call + "post") for C-like languages, leaving out
// empty parts. ok is false when a part is not valid UTF-8.
func concatC(pre, call, post string) (string, bool) {
	if !utf8.ValidString(pre) || !utf8.ValidString(post) {
		return "", false
	}
	if pre == "" && post == "" {
		return call, true
	}
	parts := []string{}
	if pre != "" {
		parts = append(parts, quoteC(pre))
	}
	parts = append(parts, call)
	if post != "" {
		parts = append(parts, quoteC(post))
	}
	return "(" + strings.Join(parts, " + ") + ")", true
}

// spliceCalls rebuilds a string value with every occurrence of the hit
// targets' secrets replaced by callFor(target): a lone call when the value
// is exactly one secret, else ("text" + call + "text" ...). quote writes a
// string literal of the host language; ok is false when occurrences
// overlap or quote refuses a part.
func spliceCalls(value string, targets []Target, hits []int, quote func(string) (string, bool), callFor func(Target) string) (string, bool) {
	type seg struct {
		start, end int
		t          Target
	}
	var segs []seg
	for _, i := range hits {
		s := targets[i].Secret
		for off := 0; s != ""; {
			j := strings.Index(value[off:], s)
			if j < 0 {
				break
			}
			segs = append(segs, seg{off + j, off + j + len(s), targets[i]})
			off += j + len(s)
		}
	}
	if len(segs) == 0 {
		return "", false
	}
	sort.Slice(segs, func(a, b int) bool { return segs[a].start < segs[b].start })
	if len(segs) == 1 && segs[0].start == 0 && segs[0].end == len(value) {
		return callFor(segs[0].t), true
	}
	var parts []string
	pos := 0
	for _, s := range segs {
		if s.start < pos {
			return "", false
		}
		if s.start > pos {
			q, ok := quote(value[pos:s.start])
			if !ok {
				return "", false
			}
			parts = append(parts, q)
		}
		parts = append(parts, callFor(s.t))
		pos = s.end
	}
	if pos < len(value) {
		q, ok := quote(value[pos:])
		if !ok {
			return "", false
		}
		parts = append(parts, q)
	}
	return "(" + strings.Join(parts, " + ") + ")", true
}

// quoteCChecked is quoteC for valid UTF-8 only.
func quoteCChecked(s string) (string, bool) {
	if !utf8.ValidString(s) {
		return "", false
	}
	return quoteC(s), true
}

// applyKeyValueEdits applies edits to a key=value file and checks, by
// parsing the result with parse, that it holds the same keys with the same
// values except the emptied ones; otherwise the file is left alone.
func applyKeyValueEdits(path string, src []byte, edits []edit, before map[string]string, emptied map[string]bool,
	parse func([]byte) (map[string]string, error)) ([]byte, error) {
	out, err := applyEdits(src, edits)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	after, err := parse(out)
	if err != nil || len(after) != len(before) {
		return nil, fmt.Errorf("%s: the rewritten file does not parse to the same keys; file left alone", path)
	}
	for k, v := range before {
		if emptied[k] {
			v = ""
		}
		if after[k] != v {
			return nil, fmt.Errorf("%s: the rewritten file changes %s; file left alone", path, k)
		}
	}
	return out, nil
}
