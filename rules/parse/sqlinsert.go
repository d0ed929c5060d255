package parse

import (
	"regexp"
	"strings"
)

var (
	// passwordColumn matches the names of columns that hold a password or
	// its hash: password, passwd, pass, pwd, pw, user_pass, password_hash,
	// hashed_password, encrypted_password, userPassword, userPwd, adminPass. Not salts, hints,
	// reset tokens or dates (password_salt, password_changed_at).
	passwordColumn = regexp.MustCompile(`(?i)^(?:(?:\w*_)?(?:pass|passwd|password|pwd|pw|passphrase|passcode|` + passwordWords + `)|\w*(?:password|passwd|pwd)|(?-i:[a-z]\w*Pass))` +
		`(?:_?(?:hash|hashed|digest|crypt|crypted|encrypted|enc|md5|sha1|sha256|sha512))?$|^(?:hashed|encrypted|crypted|enc)_?(?:password|passwd|pass|pwd)$`)
	// userColumn matches the names of columns that name the account.
	// (passwordWords, below, are "password" in the languages schemas are
	// written in: contraseña, senha, passwort, mot_de_passe ...)
	userColumn = regexp.MustCompile(`(?i)^(?:user_?(?:name|id)?|login|email|e_?mail|account|uname|name|usuario|correo|nombre)$`)
	// hexHash matches MD5, SHA-1, SHA-256 and SHA-512 digests in hex, and
	// LDAP-style {SHA}, {SSHA}, {MD5} hashes: hashes only where a password
	// column says so (elsewhere hex is a checksum, an id, an etag).
	hexHash = regexp.MustCompile(`^(?:[0-9a-fA-F]{32}|[0-9a-fA-F]{40}|[0-9a-fA-F]{64}|[0-9a-fA-F]{128}|\{(?:S?SHA(?:256|512)?|S?MD5|CRYPT)\}\S+)$`)
	// hashFuncs are the SQL functions that hash their first argument: the
	// argument is the password in clear.
	hashFuncs = map[string]bool{"md5": true, "sha1": true, "sha": true, "sha2": true, "password": true,
		"old_password": true, "crypt": true, "encrypt": true, "digest": true, "sha256": true, "sha512": true}
	// sqlConstraint are the words that start a table constraint, not a
	// column, in CREATE TABLE.
	sqlConstraint = map[string]bool{"primary": true, "unique": true, "constraint": true, "key": true, "index": true,
		"foreign": true, "check": true, "fulltext": true, "spatial": true, "exclude": true, "period": true}
)

// sqlColumns returns the table a CREATE TABLE statement creates and its
// columns, or "" when stmt is not one.
func sqlColumns(stmt []sqlToken) (string, []string) {
	i := 1
	for i < len(stmt) && i < 4 && !isWord(stmt[i], "table") {
		i++
	}
	if i >= len(stmt) || !isWord(stmt[i], "table") {
		return "", nil
	}
	i++
	if isWord(at(stmt, i), "if") { // IF NOT EXISTS
		i += 3
	}
	name, j := sqlName(stmt, i)
	if name == "" || !isPunct(at(stmt, j), "(") {
		return "", nil
	}
	var cols []string
	depth, first := 0, true
	for _, tok := range stmt[j:] {
		switch {
		case isPunct(tok, "("):
			depth++
			continue
		case isPunct(tok, ")"):
			depth--
			if depth == 0 {
				return strings.ToLower(name), cols
			}
			continue
		case depth == 1 && isPunct(tok, ","):
			first = true
			continue
		}
		if first && depth == 1 {
			first = false
			if tok.kind == 'q' || (tok.kind == 'w' && !sqlConstraint[strings.ToLower(tok.text)]) {
				cols = append(cols, tok.text) // a constraint takes no value
			}
		}
	}
	return strings.ToLower(name), cols
}

// sqlName reads a table name (schema.table, `db`.`table`) at stmt[i] and
// returns its last part and the index after it.
func sqlName(stmt []sqlToken, i int) (string, int) {
	if i >= len(stmt) || (stmt[i].kind != 'w' && stmt[i].kind != 'q') {
		return "", i
	}
	name := stmt[i].text
	i++
	for i+1 < len(stmt) && (isPunct(stmt[i], ".") || stmt[i].kind == 'w' && stmt[i].text == ".") { // [dbo].[users]: the dot lexes as a word
		name = stmt[i+1].text
		i += 2
	}
	if k := strings.LastIndexByte(name, '.'); k >= 0 { // schema.table lexed as one word
		name = name[k+1:]
	}
	return name, i
}

// sqlRows calls fn with the values of each row an INSERT or REPLACE
// statement writes, by column name: the statement's column list, or else
// the table's columns from a CREATE TABLE earlier in the file (tables).
// A value is its tokens.
func sqlRows(stmt []sqlToken, tables map[string][]string, fn func(cols []string, row [][]sqlToken)) {
	name, j := insertTarget(stmt)
	if name == "" {
		return
	}
	cols := tables[strings.ToLower(name)]
	if isPunct(at(stmt, j), "(") {
		cols = nil
		for j++; j < len(stmt) && !isPunct(stmt[j], ")"); j++ {
			if stmt[j].kind == 'w' || stmt[j].kind == 'q' {
				cols = append(cols, stmt[j].text)
			}
		}
		j++
	}
	if !isWord(at(stmt, j), "values") && !isWord(at(stmt, j), "value") || !hasPasswordColumn(cols) {
		return
	}
	valueRows(stmt[j+1:], func(row [][]sqlToken) { fn(cols, row) })
}

func hasPasswordColumn(cols []string) bool {
	for _, c := range cols {
		if passwordColumn.MatchString(c) {
			return true
		}
	}
	return false
}

// sqlValue returns the literal of a value: a string, or the first string
// argument of a hash function (MD5('secret')); ok is false for anything
// else (numbers, NULL, expressions, placeholders).
func sqlValue(v []sqlToken) (tok sqlToken, ok bool) {
	switch {
	case len(v) == 1 && v[0].kind == 's':
		return v[0], true
	case len(v) >= 4 && v[0].kind == 'w' && hashFuncs[strings.ToLower(v[0].text)] && isPunct(v[1], "(") && v[2].kind == 's':
		return v[2], true
	}
	return sqlToken{}, false
}

func at(stmt []sqlToken, i int) sqlToken {
	if i < 0 || i >= len(stmt) {
		return sqlToken{}
	}
	return stmt[i]
}

func isWord(t sqlToken, w string) bool  { return t.kind == 'w' && strings.EqualFold(t.text, w) }
func isPunct(t sqlToken, p string) bool { return t.kind == 'p' && t.text == p }

// passwordWords is "password" as a column name in other languages:
// Spanish, Portuguese, German, French, Dutch, Italian, Polish, Turkish.
const passwordWords = `contrase(?:ñ|n|nh)a|clave|senha|passwort|kennwort|mot_?de_?passe|motdepasse|wachtwoord|parola|has(?:ł|l)o|(?:ş|s)ifre`

// valueRows calls fn with each row of a VALUES list (toks: what follows
// VALUES), a row being its values and a value its tokens.
func valueRows(toks []sqlToken, fn func(row [][]sqlToken)) {
	var row [][]sqlToken
	depth := 0
	for _, tok := range toks {
		switch {
		case isPunct(tok, "("):
			depth++
			if depth == 1 {
				row = append(row[:0], nil)
				continue
			}
		case isPunct(tok, ")"):
			depth--
			if depth == 0 {
				fn(row)
				continue
			}
		case depth == 1 && isPunct(tok, ","):
			row = append(row, nil)
			continue
		}
		if depth >= 1 {
			row[len(row)-1] = append(row[len(row)-1], tok)
		}
	}
}

// insertTarget returns the table an INSERT or REPLACE writes (after INTO,
// or right after the verb: T-SQL's INSERT [dbo].[Users]) and the index of
// the token after its name.
func insertTarget(stmt []sqlToken) (string, int) {
	i := 1
	for i < len(stmt) && i < 5 && !isWord(stmt[i], "into") {
		i++
	}
	if i >= len(stmt) || i == 5 {
		return sqlName(stmt, 1)
	}
	return sqlName(stmt, i+1)
}

// bareRows returns the string literals of each row of an INSERT that names
// no columns, into a table no CREATE TABLE of the file describes (a seed
// file beside its schema: INSERT INTO users VALUES (1,'admin','9f3b…')).
// It returns nil when the columns are known: sqlRows reads those.
func bareRows(stmt []sqlToken, tables map[string][]string) [][]sqlToken {
	name, j := insertTarget(stmt)
	if name == "" || tables[strings.ToLower(name)] != nil || !isWord(at(stmt, j), "values") && !isWord(at(stmt, j), "value") {
		return nil
	}
	var rows [][]sqlToken
	valueRows(stmt[j+1:], func(row [][]sqlToken) {
		var strs []sqlToken
		for _, v := range row {
			if len(v) == 1 && v[0].kind == 's' {
				strs = append(strs, v[0])
			}
		}
		rows = append(rows, strs)
	})
	return rows
}

// loneHexHash returns the one hex digest among a row's strings: in a user
// table's row, the password's hash (an MD5 or SHA digest of the seeded
// account's password). A row with two is left alone (a token beside it).
func loneHexHash(strs []sqlToken) (sqlToken, bool) {
	var found []sqlToken
	for _, s := range strs {
		if hexDigest.MatchString(s.text) {
			found = append(found, s)
		}
	}
	if len(found) != 1 {
		return sqlToken{}, false
	}
	return found[0], true
}

// hexDigest matches an MD5, SHA-1, SHA-256 or SHA-512 digest in hex.
var hexDigest = regexp.MustCompile(`^(?:[0-9a-fA-F]{32}|[0-9a-fA-F]{40}|[0-9a-fA-F]{64}|[0-9a-fA-F]{128})$`)
