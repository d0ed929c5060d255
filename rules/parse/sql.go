package parse

import (
	"regexp"
	"strings"
)

// sqlCredential reads SQL dumps and migrations (*.sql) for credentials:
// passwords of database users (CREATE USER … WITH PASSWORD '…', CREATE
// LOGIN … WITH PASSWORD = '…', ALTER USER/ROLE … PASSWORD '…', IDENTIFIED
// BY '…', SET PASSWORD … = PASSWORD('…')), and password hashes (bcrypt,
// argon2, SHA-crypt) inserted into user-like tables, or given as a user's
// stored hash (IDENTIFIED BY PASSWORD '*…', PASSWORD 'md5…'). A leaked
// hash is a credential to rotate, but a weaker one: its findings have
// their own rule id and confidence:medium.
type sqlCredential struct{}

func (sqlCredential) ID() string { return "sql-credential" }

func (sqlCredential) Description() string {
	return "Database user password or password hash in a SQL file"
}

func (sqlCredential) Match(path string) bool {
	return hasSuffixFold(path, ".sql")
}

// sqlHashRule is the rule id of password hashes.
const sqlHashRule = "sql-credential-hash"

// sqlGate reports whether s may hold what the parser looks for (password
// words, hashes, user tables): the SQL
// lexer only runs on files that do.
func sqlGate(s string) bool {
	for _, k := range []string{"ASS", "ass", "PWD", "pwd", "Pwd", "DENTIFIED", "dentified", "$2", "$argon2", "$6$", "$5$", "sers", "SERS", "ccount", "CCOUNT"} {
		if strings.Contains(s, k) {
			return true
		}
	}
	return false
}

var (
	// userTable matches the names of tables that hold users' logins.
	userTable = regexp.MustCompile(`(?i)user|account|admin|member|customer|staff|login|auth|credential|employee|operator|person|people|principal|usuario|utilisateur|benutzer|nutzer|utente|gebruiker|kullanici|cliente|empleado|funcionario`)
	// passwordHash matches a stored password hash: bcrypt, argon2, SHA-crypt.
	passwordHash = regexp.MustCompile(`^(?:\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}|\$argon2(?:id|i|d)\$v=\d+\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]{8,}\$[A-Za-z0-9+/]{16,}|\$[56]\$(?:rounds=\d+\$)?[./A-Za-z0-9]{1,16}\$[./A-Za-z0-9]{43,86})$`)
	// dbHash matches the hashes databases store for their users.
	dbHash = regexp.MustCompile(`^(?:md5[0-9a-f]{32}|SCRAM-SHA-256\$\d+:\S+|\*[0-9A-Fa-f]{40})$`)
	// hashInRow finds password hashes in COPY rows.
	hashInRow = regexp.MustCompile(`\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}|\$argon2(?:id|i|d)\$v=\d+\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]{8,}\$[A-Za-z0-9+/]{16,}|\$[56]\$(?:rounds=\d+\$)?[./A-Za-z0-9]{1,16}\$[./A-Za-z0-9]{43,86}`)
)

func (sqlCredential) Parse(_ string, b []byte) []Candidate {
	t := newText(b)
	if !sqlGate(t.s) {
		return nil
	}
	var out []Candidate
	add := func(key string, tok sqlToken, hash bool) {
		c := t.candidate(key, tok.text, tok.start, tok.end)
		c.Context = tok.user
		if hash || passwordHash.MatchString(tok.text) || dbHash.MatchString(tok.text) {
			c.RuleID, c.Tags = sqlHashRule, []string{"confidence:medium"}
		} else {
			c.Tags = []string{TagCredFile}
		}
		out = append(out, c)
	}
	tables := map[string][]string{} // columns of the tables the file creates
	lexSQL(t.s, func(stmt []sqlToken) {
		switch strings.ToUpper(stmt[0].text) {
		case "CREATE", "ALTER", "SET", "GRANT":
			sqlPasswords(stmt, add)
			if name, cols := sqlColumns(stmt); name != "" {
				tables[name] = cols
			}
		case "INSERT", "REPLACE":
			sqlRows(stmt, tables, func(cols []string, row [][]sqlToken) {
				insertPasswords(cols, row, add)
			})
			if tbl := sqlTable(stmt); userTable.MatchString(tbl) {
				for _, tok := range stmt {
					if tok.kind == 's' && passwordHash.MatchString(tok.text) {
						add("hash", tok, true)
					}
				}
				for _, row := range bareRows(stmt, tables) {
					if tok, ok := loneHexHash(row); ok {
						add("hash", tok, true)
					}
				}
			}
		}
	}, func(stmt []sqlToken, start, end int) {
		if len(stmt) < 2 || !userTable.MatchString(stmt[1].text) {
			return
		}
		for _, m := range hashInRow.FindAllStringIndex(t.s[start:end], -1) {
			add("hash", sqlToken{kind: 's', text: t.s[start+m[0] : start+m[1]], start: start + m[0], end: start + m[1]}, true)
		}
	})
	return out
}

// insertPasswords reports the values of a row's password columns: a
// hash when hash-shaped, else the password in clear, weak or strong (the
// column says what it is). The row's user, when a column names it, is the
// candidate's context.
func insertPasswords(cols []string, row [][]sqlToken, add func(string, sqlToken, bool)) {
	if len(row) != len(cols) {
		return // the columns are not the row's: a misread statement
	}
	user, rank := "", 3
	for i, c := range cols {
		tok, ok := sqlValue(row[i])
		if !ok || !userColumn.MatchString(c) {
			continue
		}
		r := 2 // name, account
		if l := strings.ToLower(c); strings.Contains(l, "user") || l == "login" {
			r = 0
		} else if strings.Contains(l, "mail") {
			r = 1
		}
		if r < rank {
			user, rank = tok.text, r
		}
	}
	for i, c := range cols {
		tok, ok := sqlValue(row[i])
		if !ok || !passwordColumn.MatchString(c) || len(tok.text) < 3 {
			continue
		}
		tok.user = user
		if t := strings.TrimRight(tok.text, " "); len(t) < len(tok.text) && tok.end-tok.start == len(tok.text) {
			tok.end, tok.text = tok.end-(len(tok.text)-len(t)), t // nchar(n) pads with blanks
		}
		add(c, tok, hexHash.MatchString(tok.text))
	}
}

// sqlPasswords finds the password literals of a user or role statement.
func sqlPasswords(stmt []sqlToken, add func(string, sqlToken, bool)) {
	word := func(i int, w string) bool {
		return i < len(stmt) && stmt[i].kind == 'w' && strings.EqualFold(stmt[i].text, w)
	}
	punct := func(i int, p string) bool { return i < len(stmt) && stmt[i].kind == 'p' && stmt[i].text == p }
	literal := func(i int) bool { return i < len(stmt) && stmt[i].kind == 's' }
	// SET PASSWORD FOR user = 'secret' (MySQL, MariaDB).
	if word(0, "set") && word(1, "password") && word(2, "for") {
		for j := 3; j+1 < len(stmt); j++ {
			if punct(j, "=") && literal(j+1) {
				add("SET PASSWORD", stmt[j+1], false)
				break
			}
		}
	}
	for i := 0; i < len(stmt); i++ {
		switch {
		case word(i, "password"):
			j := i + 1
			if punct(j, "=") {
				j++
			}
			if word(j, "password") && punct(j+1, "(") && literal(j+2) { // = PASSWORD('…')
				add("PASSWORD", stmt[j+2], false)
				i = j + 2
			} else if punct(j, "(") && literal(j+1) {
				add("PASSWORD", stmt[j+1], false)
				i = j + 1
			} else if literal(j) {
				add("PASSWORD", stmt[j], word(j+1, "hashed"))
				i = j
			}
		case word(i, "identified"):
			j := i + 1
			if word(j, "with") { // IDENTIFIED WITH plugin BY '…' | AS 'hash'
				j += 2
				if word(j, "as") && literal(j+1) {
					add("IDENTIFIED AS", stmt[j+1], true)
					i = j + 1
					continue
				}
			}
			if !word(j, "by") {
				continue
			}
			j++
			switch {
			case word(j, "password") && literal(j+1):
				add("IDENTIFIED BY PASSWORD", stmt[j+1], true)
				i = j + 1
			case literal(j) || (j < len(stmt) && stmt[j].kind == 'q'):
				add("IDENTIFIED BY", stmt[j], false)
				i = j
			case j < len(stmt) && stmt[j].kind == 'w' && !strings.ContainsAny(stmt[j].text[:1], ":&@$") && !word(j, "values"):
				add("IDENTIFIED BY", stmt[j], false) // Oracle: IDENTIFIED BY tiger
				i = j
			}
		}
	}
}

// sqlTable returns the table an INSERT or REPLACE statement writes.
func sqlTable(stmt []sqlToken) string {
	for i, tok := range stmt {
		if tok.kind == 'w' && strings.EqualFold(tok.text, "into") && i+1 < len(stmt) {
			name := stmt[i+1].text
			// schema.table, `schema`.`table`
			for j := i + 2; j+1 < len(stmt) && (stmt[j].text == "." || strings.HasSuffix(name, ".")); j += 2 {
				name = stmt[j+1].text
			}
			return name
		}
	}
	return ""
}

func (sqlCredential) TruePositives() []Sample {
	return []Sample{
		{Path: "db/init/01-users.sql", Text: `-- roles for the reporting service
CREATE USER reporting WITH ENCRYPTED PASSWORD 'rep0rt-Pw!';
CREATE ROLE etl LOGIN PASSWORD 'etl''s-pw-9';
ALTER USER app WITH PASSWORD 'md5a3f1c9a7e5b2d4f8a6c0e1b3d5f7a9c2';
`, Secrets: []string{"rep0rt-Pw!", "etl's-pw-9", "md5a3f1c9a7e5b2d4f8a6c0e1b3d5f7a9c2"}},
		{Path: "mysql/grants.sql", Text: "CREATE USER 'shop'@'%' IDENTIFIED BY 'sh0p-Db-pw';\nGRANT ALL ON shop.* TO 'shop'@'%' IDENTIFIED BY \"shop2\";\n" +
			"SET PASSWORD FOR 'root'@'localhost' = PASSWORD('r00t-Pw');\nALTER USER 'x'@'%' IDENTIFIED WITH mysql_native_password BY 'nat1ve-pw';\n" +
			"CREATE USER scott IDENTIFIED BY tiger;\nCREATE LOGIN svc WITH PASSWORD = N'Mssql-Svc-7', CHECK_POLICY = OFF;\n" +
			"create user `hib`@localhost IDENTIFIED BY 'root';\nSET PASSWORD FOR 'bob'@'%' = 'b0b-New-pw';\n",
			Secrets: []string{"sh0p-Db-pw", "shop2", "r00t-Pw", "nat1ve-pw", "tiger", "Mssql-Svc-7", "root", "b0b-New-pw"}},
		{Path: "dump.sql", Text: "INSERT INTO `users` (`id`, `email`, `password`) VALUES\n(1, 'ann@shop.test', '$2y$10$Q7mN3kP9xR2vL8tB4wZ6yOe1cF5hJ0sU7aD3gK9nM2pQ4rT6vX8yW'),\n(2, 'bob@shop.test', 'plain');\n" +
			"COPY public.accounts (id, encrypted_password) FROM stdin;\n1\t$2a$12$R9hCIPz0giURNNX3kh2OPST9PgBkqquziSs7KIUgO2t0jWMUW0abc\n\\.\n" +
			"INSERT INTO products VALUES (1, '$2y$10$Q7mN3kP9xR2vL8tB4wZ6yOe1cF5hJ0sU7aD3gK9nM2pQ4rT6vX8yW');\n",
			Secrets: []string{"$2y$10$Q7mN3kP9xR2vL8tB4wZ6yOe1cF5hJ0sU7aD3gK9nM2pQ4rT6vX8yW", "plain", "$2a$12$R9hCIPz0giURNNX3kh2OPST9PgBkqquziSs7KIUgO2t0jWMUW0abc"}},
		// SQL Server Management Studio's scripts: [bracketed] names, no
		// INTO, no semicolons, GO lines, nchar values padded with blanks.
		{Path: "ScriptShopDB.sql", Text: "USE [master]\nGO\nSET IDENTITY_INSERT [dbo].[UsersTable] ON \n\n" +
			"INSERT [dbo].[UsersTable] ([ID], [Login], [Password]) VALUES (1, N'zork      ', N'Zork-4711      ')\n" +
			"INSERT [dbo].[UsersTable] ([ID], [Login], [Password]) VALUES (2, N'quux', N'quux-0815')\nGO\n",
			Secrets: []string{"Zork-4711", "quux-0815"}},
		// Rows of a table created earlier in the file (a Flyway migration),
		// rows under a column list, passwords hashed by a SQL function.
		{Path: "db/migration/V1_2__accounts.sql", Text: "CREATE TABLE IF NOT EXISTS shop_accounts (\n  login varchar(40),\n  passwd varchar(40),\n  active boolean,\n  PRIMARY KEY (login)\n);\n" +
			"INSERT INTO shop_accounts VALUES ('ann', 'ann-Pw-2024', true);\n" +
			"INSERT INTO shop_accounts VALUES ('bob', 'hunter22', false),\n  ('carl', 'f0e1d2c3b4a5968778695a4b3c2d1e0f', true);\n" +
			"INSERT INTO members (id, name, pwd_hash) VALUES (1, 'dora', MD5('dora-pw-9'));\n" +
			"INSERT INTO `staff` (`id`, `userPassword`) VALUES (7, '{SSHA}q7Zx0Lm3Vt9Rk2Wn8Pb4Yc6Hd1Jf5Gs');\n" +
			// camelCase password columns: userPwd, adminPass (not bypass).
			"insert into zk_user(id,userName,userPwd) values(1,'zork','0f1e2d3c4b5a69788796a5b4c3d2e1f0');\n" +
			"insert into zk_admin(id,adminPass,bypass) values(2,'zork-Adm-7','zork-Flag-8');\n",
			Secrets: []string{"ann-Pw-2024", "hunter22", "f0e1d2c3b4a5968778695a4b3c2d1e0f", "dora-pw-9", "{SSHA}q7Zx0Lm3Vt9Rk2Wn8Pb4Yc6Hd1Jf5Gs",
				"0f1e2d3c4b5a69788796a5b4c3d2e1f0", "zork-Adm-7"}},
		// Schemas written in another language: a Spanish users table and
		// password column, rows on lines of their own.
		{Path: "sql/seed.sql", Text: "INSERT INTO \"Usuario\" (nombre, email, contraseña, id_rol) VALUES\n" +
			"('Ana', 'ana@zork.invalid', '$2b$10$Q7mN3kP9xR2vL8tB4wZ6yOe1cF5hJ0sU7aD3gK9nM2pQ4rT6vX8yW', 1),\n" +
			"('Luis', 'luis@zork.invalid', 'zork-Clave-7', 2);\n",
			Secrets: []string{"$2b$10$Q7mN3kP9xR2vL8tB4wZ6yOe1cF5hJ0sU7aD3gK9nM2pQ4rT6vX8yW", "zork-Clave-7"}},
		// A seed file beside its schema: a user table's rows with no column
		// list, each holding one hex digest (the password's MD5).
		{Path: "setup/seed.sql", Text: "INSERT INTO Users VALUES (1,'admin','0f1e2d3c4b5a69788796a5b4c3d2e1f0'),(2,'user1','9e8d7c6b5a4f30211203f4a5b6c7d8e9');\n",
			Secrets: []string{"0f1e2d3c4b5a69788796a5b4c3d2e1f0", "9e8d7c6b5a4f30211203f4a5b6c7d8e9"}},
		// Truncated inside a literal: what precedes is read.
		{Path: "partial.sql", Text: "CREATE USER a IDENTIFIED BY 'a-Pw-123';\nCREATE USER b IDENTIFIED BY 'b-P",
			Secrets: []string{"a-Pw-123", "b-P"}},
	}
}

func (sqlCredential) FalsePositives() []Sample {
	return []Sample{
		{Path: "schema.sql", Text: "CREATE TABLE users (\n  id serial PRIMARY KEY,\n  password varchar(255) NOT NULL DEFAULT '',\n  password_hash text\n);\nALTER USER app PASSWORD NULL;\nALTER USER 'a'@'%' PASSWORD EXPIRE;\nSET password_encryption = 'scram-sha-256';\n"},
		{Path: "queries.sql", Text: "SELECT * FROM users WHERE password = 'x1y2z3w4';\nUPDATE users SET password = :password WHERE id = :id;\nCREATE USER app IDENTIFIED BY :pw;\n-- CREATE USER old IDENTIFIED BY 'old-Pw-1';\n"},
		{Path: "seed.sql", Text: "INSERT INTO products (sku, name) VALUES ('A1', 'Password manager, 1 year');\n"},
		// Hex under a column that is no password; a pass/fail flag; rows
		// whose password is no literal; rows of a table the file does not
		// create; settings about passwords.
		{Path: "db/migration/V3__releases.sql", Text: "CREATE TABLE releases (version varchar(20), checksum char(32), pass boolean, pass_note text);\n" +
			"INSERT INTO releases VALUES ('1.2.0', 'f0e1d2c3b4a5968778695a4b3c2d1e0f', true, NULL);\n" +
			"INSERT INTO users (id, name, password) VALUES (1, 'ann', NULL), (2, 'bob', ?), (3, 'carl', :pw), (4, 'dora', crypt(:pw, gen_salt('bf')));\n" +
			"INSERT INTO accounts VALUES (1, 'eve', 'not-in-a-known-column');\n" +
			"INSERT INTO settings (name, value) VALUES ('password_min_length', '12');\n" +
			"INSERT INTO users (id, password_changed_at, password_salt) VALUES (1, '2024-01-01', 'c2FsdHNhbHQ=');\n" +
			// Column-less rows: hex in a table of no users, two digests in one user row.
			"INSERT INTO builds VALUES (1, 'f0e1d2c3b4a5968778695a4b3c2d1e0f');\n" +
			"INSERT INTO users VALUES (1, 'ann', 'f0e1d2c3b4a5968778695a4b3c2d1e0f', '0f1e2d3c4b5a69788796a5b4c3d2e1f0');\n"},
	}
}
