package parse

import (
	"encoding/xml"
	"strings"
)

// dbeaver reads DBeaver's connection lists: data-sources*.json under
// .dbeaver/ (a connection's "configuration" holds user and password when
// the password was saved in clear) and the older .dbeaver-data-sources.xml
// (<connection user="…" password="…">). DBeaver's encrypted
// credentials-config.json is reported by its path (dbeaverCredentials).
type dbeaver struct{}

func (dbeaver) ID() string { return "dbeaver-password" }

func (dbeaver) Description() string { return "Password of a DBeaver database connection" }

func (dbeaver) Match(path string) bool {
	if nameIs(path, ".dbeaver-data-sources.xml") {
		return true
	}
	name := base(path)
	return len(name) > 12 && strings.EqualFold(name[:12], "data-sources") && hasSuffixFold(name, ".json") && nameIs(dir(path), ".dbeaver")
}

var dbeaverKeys = map[string]bool{"password": true}

func (dbeaver) Parse(path string, b []byte) []Candidate {
	t := newText(b)
	var out []Candidate
	if strings.HasSuffix(strings.ToLower(path), ".xml") {
		err := walkXML(b, func(tok xml.Token, start, end int) {
			e, ok := tok.(xml.StartElement)
			if !ok || !strings.EqualFold(e.Name.Local, "connection") {
				return
			}
			v, ok := attr(e, "password")
			s, f, ok2 := attrSpan(t.s[start:end], "password")
			if !ok || !ok2 {
				return
			}
			c := t.candidate("password", v, start+s, start+f)
			user, _ := attr(e, "user")
			host, _ := attr(e, "host")
			c.Context = userAt(user, host)
			out = append(out, c)
		})
		if err != nil {
			out = append(out, jbLines(t)...)
		}
		return withTag(out, TagCredFile)
	}
	ok := walkJSON(b, func(path []string, ms []jsonMember) {
		for _, m := range ms {
			if dbeaverKeys[strings.ToLower(m.key)] {
				c := t.candidate(m.key, m.value, m.start, m.end)
				c.Context = userAt(member(ms, "user"), member(ms, "host"))
				out = append(out, c)
			}
		}
	})
	if !ok {
		out = append(out, jsonLines(t, dbeaverKeys)...)
	}
	return withTag(out, TagCredFile)
}

func (dbeaver) TruePositives() []Sample {
	return []Sample{
		{Path: ".dbeaver/data-sources.json", Text: `{
	"folders": {},
	"connections": {
		"postgres-jdbc-18a2f1c3b5d-6e1f2a3b4c5d6e7f": {
			"provider": "postgresql",
			"driver": "postgres-jdbc",
			"name": "orders",
			"save-password": true,
			"configuration": {
				"host": "db.orders.test",
				"port": "5432",
				"database": "orders",
				"url": "jdbc:postgresql://db.orders.test:5432/orders",
				"type": "dev",
				"user": "orders_app",
				"password": "pg-Orders-2024",
				"auth-model": "native"
			}
		}
	}
}
`, Secrets: []string{"pg-Orders-2024"}},
		{Path: "workspace/.dbeaver-data-sources.xml", Text: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<data-sources>\n\t<data-source id=\"mysql5-1\" provider=\"mysql\" driver=\"mysql5\" name=\"shop\" save-password=\"true\">\n\t\t<connection host=\"localhost\" port=\"3306\" server=\"\" database=\"shop\" url=\"jdbc:mysql://localhost:3306/shop\" user=\"root\" password=\"rootpw42\" type=\"dev\"/>\n\t</data-source>\n</data-sources>\n",
			Secrets: []string{"rootpw42"}},
	}
}

func (dbeaver) FalsePositives() []Sample {
	return []Sample{
		{Path: ".dbeaver/data-sources.json", Text: "{\"connections\": {\"c1\": {\"save-password\": false, \"configuration\": {\"host\": \"h\", \"user\": \"u\", \"auth-model\": \"native\"}}}}\n"},
		{Path: ".dbeaver/data-sources.json", Text: "{\"connections\": {\"c1\": {\"configuration\": {\"user\": \"u\", \"password\": \"${DB_PASSWORD}\"}}}}\n"},
		{Path: "config/data-sources.json", Text: "{\"password\": \"pg-Orders-2024\"}\n"}, // not DBeaver's
	}
}

// dbeaverCredentials reports DBeaver's credentials-config.json, which
// holds the saved logins of a workspace's connections encrypted with a key
// that ships with DBeaver (so anyone can decrypt them): the file is the
// credential.
type dbeaverCredentials struct{}

func (dbeaverCredentials) ID() string { return "dbeaver-credentials-file" }

func (dbeaverCredentials) Description() string {
	return "DBeaver credentials-config.json (saved connection logins, decryptable with DBeaver's public key)"
}

func (dbeaverCredentials) Match(path string) bool {
	return nameIs(path, "credentials-config.json") && nameIs(dir(path), ".dbeaver")
}

// PathOnly marks a parser that reports files by path alone.
func (dbeaverCredentials) PathOnly() bool { return true }

func (dbeaverCredentials) Parse(string, []byte) []Candidate { return nil }

func (dbeaverCredentials) TruePositives() []Sample {
	return []Sample{{Path: ".dbeaver/credentials-config.json"}, {Path: "ws/General/.dbeaver/credentials-config.json"}}
}

func (dbeaverCredentials) FalsePositives() []Sample {
	return []Sample{{Path: "credentials-config.json"}, {Path: ".dbeaver/data-sources.json"}}
}
