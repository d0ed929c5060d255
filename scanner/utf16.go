package scanner

import (
	"bytes"
	"unicode/utf16"
	"unicode/utf8"
)

// fromUTF16 returns data decoded to UTF-8 when it is UTF-16 text: a byte
// order mark (FF FE, FE FF) starts it and a NUL byte follows (the high
// byte of an ASCII character: a line end at least), or, without one, its first 8000
// bytes alternate ASCII and NUL as text of Latin script does (SQL Server
// Management Studio, PowerShell and Windows' own tools write UTF-16 LE).
// Git and gitleaks take such a file for binary and skip it; its lines are
// kept, so findings keep their line numbers. ok is false for anything
// else, which is returned unchanged.
func fromUTF16(data []byte) (out []byte, ok bool) {
	le, skip := false, 0
	switch {
	case len(data) >= 2 && data[0] == 0xFF && data[1] == 0xFE:
		le, skip = true, 2
	case len(data) >= 2 && data[0] == 0xFE && data[1] == 0xFF:
		skip = 2
	default:
		var found bool
		if le, found = utf16Shape(data); !found {
			return data, false
		}
	}
	body := data[skip:]
	if skip > 0 && (len(body)%2 != 0 || bytes.IndexByte(body[:min(len(body), 8000)], 0) < 0) {
		return data, false // a mark but no NUL of an ASCII character: not UTF-16 (invalid UTF-8 may start so)
	}
	units := make([]uint16, len(body)/2)
	for i := range units {
		if le {
			units[i] = uint16(body[2*i]) | uint16(body[2*i+1])<<8
		} else {
			units[i] = uint16(body[2*i])<<8 | uint16(body[2*i+1])
		}
	}
	runes := utf16.Decode(units)
	out = make([]byte, 0, len(runes)+len(runes)/4)
	for _, r := range runes {
		if r == 0 {
			return data, false // a NUL character: binary after all
		}
		out = utf8.AppendRune(out, r)
	}
	return out, true
}

// utf16Shape reports UTF-16 without a byte order mark: at least 16 bytes,
// an even length, and in the first 8000 bytes one byte of each pair NUL
// and the other printable ASCII or a line end, for nine in ten pairs or
// more. le tells which byte held the ASCII.
func utf16Shape(data []byte) (le, ok bool) {
	n := min(len(data), 8000) &^ 1
	if n < 16 || len(data)%2 != 0 || bytes.IndexByte(data[:n], 0) < 0 {
		return false, false // no NUL: UTF-8 or ASCII text, the common case, decided in one pass of IndexByte
	}
	lo, hi := 0, 0
	for i := 0; i < n; i += 2 {
		a, b := data[i], data[i+1]
		switch {
		case b == 0 && textByte(a):
			lo++
		case a == 0 && textByte(b):
			hi++
		}
	}
	pairs := n / 2
	switch {
	case lo*10 >= pairs*9:
		return true, true
	case hi*10 >= pairs*9:
		return false, true
	}
	return false, false
}

// textByte reports printable ASCII, a tab or a line end.
func textByte(c byte) bool {
	return c >= 0x20 && c < 0x7F || c == '\t' || c == '\n' || c == '\r'
}
