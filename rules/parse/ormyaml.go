package parse

import (
	"errors"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// ormYAML reads the database settings of ORMs and frameworks kept in YAML
// (Rails' config/database.yml, Mongoid's mongoid.yml, symfony 1's
// databases.yml, TypeORM's ormconfig.yml): a password: key under an
// environment, a client or a connection. ERB (<%= ENV[...] %>) is a
// reference; a file that ERB makes invalid YAML is read line by line.
type ormYAML struct{}

func (ormYAML) ID() string { return "orm-config-password" }

func (ormYAML) Description() string {
	return "Database password in an ORM's YAML settings (database.yml, mongoid.yml)"
}

func (ormYAML) Match(path string) bool {
	return nameIs(path, "database.yml", "database.yaml", "mongoid.yml", "mongoid.yaml", "databases.yml", "ormconfig.yml", "ormconfig.yaml")
}

func (ormYAML) Parse(_ string, b []byte) (out []Candidate) {
	t := newText(b)
	defer func() {
		// yaml.v3 has panicked on malformed input before: read such a
		// file line by line rather than lose it or the scan.
		if recover() != nil {
			out = withTag(yamlLines(t), TagCredFile)
		}
	}()
	dec := yaml.NewDecoder(strings.NewReader(t.s))
	for {
		var root yaml.Node
		err := dec.Decode(&root)
		if err != nil {
			if !errors.Is(err, io.EOF) {
				out = append(out, yamlLines(t)...)
			}
			break
		}
		walkYAML(&root, nil, func(path []string, v *yaml.Node) {
			if c, ok := yamlCandidate(t, v); ok {
				c.Key = "password"
				c.Context = strings.Join(path, ".")
				out = append(out, c)
			}
		})
	}
	return withTag(out, TagCredFile)
}

// walkYAML calls fn for each scalar value of a password key, with the keys
// leading to it. Aliases are not followed: a value is reported where it is
// written.
func walkYAML(n *yaml.Node, path []string, fn func([]string, *yaml.Node)) {
	switch n.Kind {
	case yaml.DocumentNode, yaml.SequenceNode:
		for _, c := range n.Content {
			walkYAML(c, path, fn)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if v.Kind == yaml.ScalarNode && strings.EqualFold(k.Value, "password") {
				fn(path, v)
				continue
			}
			walkYAML(v, append(path[:len(path):len(path)], k.Value), fn)
		}
	}
}

// yamlCandidate places a scalar node's value on its line.
func yamlCandidate(t *text, v *yaml.Node) (Candidate, bool) {
	if v.Tag == "!!null" || v.Line < 1 || v.Line-1 > len(t.nl) {
		return Candidate{}, false
	}
	l := v.Line - 1
	ls, le := t.lineStart(l), t.lineEnd(l)
	line := t.s[ls:le]
	// yaml.v3 counts columns in characters.
	col := 0
	for n := 1; n < v.Column && col < len(line); n++ {
		_, size := utf8.DecodeRuneInString(line[col:])
		col += size
	}
	if v.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		return Candidate{}, false // a block scalar: not a password
	}
	start, end := col, len(line)
	if i := strings.Index(line[col:], v.Value); i >= 0 && v.Value != "" {
		start, end = col+i, col+i+len(v.Value)
	} else if v.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 && col < len(line) {
		start = col + 1
		if j := strings.LastIndexByte(line, line[col]); j > start {
			end = j
		}
	}
	return t.candidate("password", v.Value, ls+start, ls+end), true
}

var yamlPassword = regexp.MustCompile(`^\s*(?:-\s+)?password\s*:\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^\s#"'][^#]*?))\s*(?:#.*)?$`)

// yamlLines reads password: lines one by one, for files the YAML decoder
// gave up on.
func yamlLines(t *text) []Candidate {
	var out []Candidate
	t.each(0, func(line, start int, s string) {
		m := yamlPassword.FindStringSubmatchIndex(s)
		if m == nil {
			return
		}
		for g := 2; g < 8; g += 2 {
			if m[g] < 0 {
				continue
			}
			v := s[m[g]:m[g+1]]
			switch g {
			case 2:
				var n yaml.Node
				if yaml.Unmarshal([]byte(`"`+v+`"`), &n) == nil && len(n.Content) == 1 {
					v = n.Content[0].Value
				}
			case 4:
				v = strings.ReplaceAll(v, "''", "'")
			}
			out = append(out, t.candidate("password", v, start+m[g], start+m[g+1]))
		}
	})
	return out
}

func (ormYAML) TruePositives() []Sample {
	return []Sample{
		{Path: "config/database.yml", Text: `default: &default
  adapter: postgresql
  encoding: unicode
  pool: <%= ENV.fetch("RAILS_MAX_THREADS") { 5 } %>

development:
  <<: *default
  database: shop_development
  username: shop
  password: shop123

production:
  <<: *default
  database: shop_production
  password: <%= ENV["SHOP_DATABASE_PASSWORD"] %>
`, Secrets: []string{"shop123"}},
		{Path: "config/mongoid.yml", Text: "production:\n  clients:\n    default:\n      database: orders\n      hosts:\n        - mongo1.orders.test:27017\n      options:\n        user: 'orders'\n        password: 'M0ng0-Ord3rs!'\n        auth_source: admin\n",
			Secrets: []string{"M0ng0-Ord3rs!"}},
		// ERB that is not YAML: read line by line.
		{Path: "config/database.yml", Text: "production:\n  adapter: mysql2\n<% if ENV['SOCKET'] %>\n  socket: /tmp/mysql.sock\n<% end %>\n  password: \"my-Sql-Pr0d\"\n",
			Secrets: []string{"my-Sql-Pr0d"}},
	}
}

func (ormYAML) FalsePositives() []Sample {
	return []Sample{
		{Path: "config/database.yml", Text: "production:\n  adapter: postgresql\n  password: <%= ENV['DB_PASSWORD'] %>\n  username: app\n"},
		{Path: "config/database.yml", Text: "test:\n  adapter: sqlite3\n  database: db/test.sqlite3\n  password:\n"},
		{Path: "config/settings.yml", Text: "production:\n  password: shop123\n"},
	}
}
