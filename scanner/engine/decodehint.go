package engine

import "encoding/base64"

// Byte classes for the decode-candidate scan. gitleaks decodes percent,
// unicode-escape, hex and base64 segments and scans the decoded text; the
// windowed engine must give every line holding such a segment to the
// detector, so this scan marks them. It over-approximates gitleaks' own
// segment finder (which uses a regex over the whole fragment) at the cost of
// one pass over the bytes.
var (
	isB64  = byteSet("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_/+-")
	isHex  = byteSet("0123456789abcdefABCDEF")
	likely = byteSet("0123456789_/+-")
)

func byteSet(chars string) (set [256]bool) {
	for i := 0; i < len(chars); i++ {
		set[chars[i]] = true
	}
	return set
}

func printable(b []byte) bool {
	for _, c := range b {
		if c <= 8 || c >= 0x7f {
			return false
		}
	}
	return true
}

// decodeHints calls mark(offset) for the start of every segment in text that
// gitleaks' decoder could turn into printable text.
func decodeHints(text string, mark func(int)) {
	n := len(text)
	for i := 0; i < n; {
		c := text[i]
		switch {
		case c == '%' && i+2 < n && isHex[text[i+1]] && isHex[text[i+2]]:
			if v := unhex(text[i+1])<<4 | unhex(text[i+2]); v > 8 && v < 0x7f {
				mark(i)
			}
			i += 3
		case (c == 'U' && i+6 <= n && text[i+1] == '+' && allHex(text[i+2:i+6])) ||
			(c == '\\' && i+6 <= n && (text[i+1] == 'u' || text[i+1] == 'U') && allHex(text[i+2:i+6])):
			mark(i)
			i += 6
		case isB64[c]:
			j := i
			has := false
			for j < n && isB64[text[j]] {
				has = has || likely[text[j]]
				j++
			}
			if j-i >= 16 && has && (b64Printable(text, i, j) || hexPrintable(text[i:j])) {
				mark(i)
			}
			i = j
		default:
			i++
		}
	}
}

func b64Printable(text string, i, j int) bool {
	end := j
	for k := 0; k < 2 && end < len(text) && text[end] == '='; k++ {
		end++
	}
	if b, err := base64.StdEncoding.DecodeString(text[i:end]); err == nil && printable(b) {
		return true
	}
	if b, err := base64.RawURLEncoding.DecodeString(text[i:end]); err == nil && printable(b) {
		return true
	}
	// The regex's run may stop before a trailing "=": try the bare run too.
	if end != j {
		if b, err := base64.RawStdEncoding.DecodeString(text[i:j]); err == nil && printable(b) {
			return true
		}
	}
	return false
}

// hexPrintable reports whether some run of 32 or more hex digits inside s
// decodes to printable text.
func hexPrintable(s string) bool {
	for i := 0; i < len(s); {
		if !isHex[s[i]] {
			i++
			continue
		}
		j := i
		digit := false
		for j < len(s) && isHex[s[j]] {
			digit = digit || (s[j] >= '0' && s[j] <= '9')
			j++
		}
		if j-i >= 32 && digit {
			run := s[i:j]
			if len(run)%2 == 1 {
				run = run[:len(run)-1]
			}
			buf := make([]byte, len(run)/2)
			ok := true
			for k := 0; k < len(buf); k++ {
				buf[k] = unhex(run[2*k])<<4 | unhex(run[2*k+1])
				if buf[k] <= 8 || buf[k] >= 0x7f {
					ok = false
					break
				}
			}
			if ok {
				return true
			}
		}
		i = j
	}
	return false
}

func allHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isHex[s[i]] {
			return false
		}
	}
	return true
}

func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10
	}
	return 0
}
