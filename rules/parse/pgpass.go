package parse

import "strings"

// pgpass reads PostgreSQL password files (.pgpass, pgpass.conf):
// hostname:port:database:username:password lines, \: and \\ escaped. The
// rule of the same id (rules/pgpass.go) finds such lines anywhere but
// leaves out weak passwords; in the file itself every password is a
// credential, and this parser's finding replaces the rule's.
type pgpass struct{}

func (pgpass) ID() string { return "pgpass-password" }

// Supersedes marks the parser as replacing the rule of its id.
func (pgpass) Supersedes() bool { return true }

func (pgpass) Description() string { return "Password in a PostgreSQL .pgpass line" }

func (pgpass) Match(path string) bool {
	return nameIs(path, ".pgpass", "pgpass.conf", "pgpass")
}

func (pgpass) Parse(_ string, b []byte) []Candidate {
	t := newText(b)
	var out []Candidate
	t.each(0, func(line, start int, s string) {
		if strings.HasPrefix(strings.TrimSpace(s), "#") {
			return
		}
		var fields []string
		var cur strings.Builder
		i := 0
		for ; i < len(s) && len(fields) < 4; i++ {
			switch s[i] {
			case '\\':
				if i+1 < len(s) {
					i++
					cur.WriteByte(s[i])
				}
			case ':':
				fields = append(fields, cur.String())
				cur.Reset()
			default:
				cur.WriteByte(s[i])
			}
		}
		if len(fields) < 4 || i >= len(s) {
			return
		}
		raw := strings.TrimRight(s[i:], " \t")
		secret := strings.NewReplacer(`\:`, ":", `\\`, `\`).Replace(raw)
		c := t.candidate("password", secret, start+i, start+i+len(raw))
		c.Context = userAt(fields[3], fields[0]+"/"+fields[2])
		out = append(out, c)
	})
	return withTag(out, TagCredFile)
}

func (pgpass) TruePositives() []Sample {
	return []Sample{
		{Path: "home/.pgpass", Text: "# hostname:port:database:username:password\ndb.corp.test:5432:*:app:pass123\nlocalhost:*:*:etl:a\\:b\\\\c\n",
			Secrets: []string{"pass123", `a:b\c`}},
		{Path: "AppData/Roaming/postgresql/pgpass.conf", Text: "*:*:*:etl:postgres\n", Secrets: []string{"postgres"}},
	}
}

func (pgpass) FalsePositives() []Sample {
	return []Sample{
		{Path: ".pgpass", Text: "# db.corp.test:5432:*:app:Jm3!vR8qTx5k\n"},
		{Path: ".pgpass", Text: "db:5432:*:app:${PGPASSWORD}\nbroken-line\n"},
		{Path: ".pgpass", Text: "localhost:5432:*:postgres:postgres\n"},
	}
}
