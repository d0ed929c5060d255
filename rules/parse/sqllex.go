package parse

import "strings"

// maxStmtTokens, sqlHead and maxStmtHead bound the tokens of a statement in memory.
const maxStmtTokens, sqlHead, maxStmtHead = 4096, 16, 512

// sqlToken is a token of SQL text: a word (keyword or bare identifier), a
// string literal (its content between the quotes) or a punctuation byte.
type sqlToken struct {
	kind       byte // 'w' word, 's' string, 'q' quoted identifier, 'p' punctuation
	text       string
	start, end int    // byte range in the text (a literal's content, quotes excluded)
	user       string // the account a password literal belongs to, when known
}

// lexSQL splits SQL into statements of tokens, skipping comments. It
// knows the string syntax of the common dialects: ” and \' escapes,
// "…" and `…` quoted identifiers, E'…' and N'…' prefixes. Statements end
// at ; (or the text's end). The rows that follow a PostgreSQL COPY … FROM
// stdin statement, up to the \. line, go to data with that statement.
func lexSQL(s string, fn func(stmt []sqlToken), data func(stmt []sqlToken, start, end int)) {
	var stmt []sqlToken
	depth, lastRow := 0, -1
	emit := func() {
		if len(stmt) > 0 {
			fn(stmt)
		}
		stmt = stmt[:0]
		depth, lastRow = 0, -1
	}
	// A dump's INSERT of a whole table can be megabytes long: statements
	// are handed over in parts of at most maxStmtTokens tokens, each
	// beginning with the statement's first sqlHead tokens (its verb and
	// table).
	// The head runs to VALUES when that comes early (an INSERT's column
	// list), and a part ends after the last whole row, so that each part
	// holds whole rows under their columns.
	grow := func(tok sqlToken) {
		if len(stmt) >= maxStmtTokens {
			h := sqlHead
			for k, t := range stmt[:maxStmtHead] {
				if t.kind == 'w' && (strings.EqualFold(t.text, "values") || strings.EqualFold(t.text, "value")) {
					h = k + 1
					break
				}
			}
			cut := len(stmt)
			if lastRow > h {
				cut = lastRow
			}
			fn(stmt[:cut])
			head := append([]sqlToken(nil), stmt[:h]...)
			stmt = append(head, stmt[cut:]...)
			lastRow = -1
		}
		if tok.kind == 'p' {
			switch tok.text {
			case "(":
				depth++
			case ")":
				depth--
			case ",":
				if depth == 0 {
					lastRow = len(stmt) + 1 // after the comma
				}
			}
		}
		stmt = append(stmt, tok)
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case isSpace(c):
			i++
		case c == '-' && i+1 < len(s) && s[i+1] == '-', c == '#':
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			e := strings.Index(s[i+2:], "*/")
			if e < 0 {
				return
			}
			i += e + 4
		case c == '\'' || c == '"' || c == '`':
			kind := byte('s')
			if c != '\'' {
				kind = 'q'
			}
			v, end := sqlString(s, i)
			vend := end - 1 // the closing quote
			if end == len(s) && (end == i+1 || s[end-1] != c) {
				vend = end // not closed
			}
			grow(sqlToken{kind: kind, text: v, start: i + 1, end: max(vend, i+1)})
			i = end
		case c == ';':
			i++
			if !copyStdin(stmt) {
				emit()
				continue
			}
			e := strings.Index(s[i:], "\n\\.")
			if e < 0 {
				e = len(s) - i
			}
			data(stmt, i, i+e)
			emit()
			i += e
		case c == '[' && (i == 0 || !isWordByte(s[i-1]) || s[i-1] == '.') && bracketName(s, i) > 0:
			// T-SQL's [dbo].[Users] quoted identifiers.
			e := bracketName(s, i)
			grow(sqlToken{kind: 'q', text: s[i+1 : e], start: i + 1, end: e})
			i = e + 1
		case isWordByte(c):
			j := i
			for j < len(s) && isWordByte(s[j]) {
				j++
			}
			// T-SQL scripts (SQL Server Management Studio's) end
			// statements with a GO line or not at all: a line that starts
			// with INSERT or CREATE starts a statement.
			if depth == 0 && len(stmt) > 0 && lineStart(s, i) {
				switch w := strings.ToUpper(s[i:j]); w {
				case "GO", "INSERT", "CREATE":
					emit()
					if w == "GO" {
						i = j
						continue
					}
				}
			}
			// E'…', N'…', B'…' literals: the prefix is part of the string.
			if j == i+1 && j < len(s) && s[j] == '\'' && strings.ContainsRune("EeNnBbXx", rune(c)) {
				i = j
				continue
			}
			grow(sqlToken{kind: 'w', text: s[i:j], start: i, end: j})
			i = j
		default:
			grow(sqlToken{kind: 'p', text: s[i : i+1], start: i, end: i + 1})
			i++
		}
	}
	emit()
}

// sqlString reads the quoted literal that starts at s[i] and returns its
// value and the offset after its closing quote (the text's end when it is
// not closed).
func sqlString(s string, i int) (string, int) {
	q := s[i]
	var b strings.Builder
	for j := i + 1; j < len(s); j++ {
		switch c := s[j]; {
		case c == q && j+1 < len(s) && s[j+1] == q:
			b.WriteByte(q)
			j++
		case c == q:
			return b.String(), j + 1
		case c == '\\' && q == '\'' && j+1 < len(s):
			j++
			switch s[j] {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case '0':
				b.WriteByte(0)
			default:
				b.WriteByte(s[j])
			}
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), len(s)
}

func isWordByte(c byte) bool {
	return c == '_' || c == '$' || c == '@' || c == '.' || c == '&' || c == ':' || c >= 0x80 ||
		'0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// copyStdin reports whether stmt is COPY … FROM stdin.
func copyStdin(stmt []sqlToken) bool {
	n := len(stmt)
	return n >= 3 && strings.EqualFold(stmt[0].text, "copy") &&
		strings.EqualFold(stmt[n-2].text, "from") && strings.EqualFold(stmt[n-1].text, "stdin")
}

// bracketName returns the offset of the ] closing a T-SQL identifier that
// starts with the [ at s[i], or 0 when none does: a name of word
// characters, spaces and $#@- on one line.
func bracketName(s string, i int) int {
	for j := i + 1; j < len(s) && j < i+130; j++ {
		switch c := s[j]; {
		case c == ']':
			if j == i+1 {
				return 0
			}
			return j
		case isWordByte(c) || c == ' ' || c == '$' || c == '#' || c == '@' || c == '-':
		default:
			return 0
		}
	}
	return 0
}

// lineStart reports whether only blanks come before s[i] on its line.
func lineStart(s string, i int) bool {
	for j := i - 1; j >= 0; j-- {
		switch s[j] {
		case '\n':
			return true
		case ' ', '\t', '\r':
		default:
			return false
		}
	}
	return true
}
