package parse

import "strings"

// railsKey reads Rails' master keys (config/master.key,
// config/credentials/<environment>.key): the whole file is the 32
// hexadecimal digits that decrypt the committed credentials.yml.enc.
type railsKey struct{}

func (railsKey) ID() string { return "rails-master-key" }

func (railsKey) Description() string {
	return "Rails master key (config/master.key): decrypts config/credentials.yml.enc"
}

func (railsKey) Match(path string) bool {
	if !hasSuffixFold(path, ".key") {
		return false
	}
	d := dir(path)
	if nameIs(path, "master.key") {
		return nameIs(d, "config")
	}
	return nameIs(d, "credentials") && nameIs(dir(d), "config")
}

func (railsKey) Parse(_ string, b []byte) []Candidate {
	t := newText(b)
	s := strings.TrimRight(t.s, " \t\r\n")
	lead := len(s) - len(strings.TrimLeft(s, " \t\r\n"))
	key := s[lead:]
	if len(key) != 32 || strings.Trim(key, "0123456789abcdefABCDEF") != "" {
		return nil
	}
	c := t.candidate("master.key", key, lead, lead+len(key))
	c.Tags = []string{"provider"}
	return []Candidate{c}
}

func (railsKey) TruePositives() []Sample {
	return []Sample{
		{Path: "config/master.key", Text: "3f1c9a7e5b2d4f8a6c0e1b3d5f7a9c2e\n", Secrets: []string{"3f1c9a7e5b2d4f8a6c0e1b3d5f7a9c2e"}},
		{Path: "apps/shop/config/credentials/production.key", Text: "b8e2d4f6a1c3e5f7092b4d6f8a1c3e5d", Secrets: []string{"b8e2d4f6a1c3e5f7092b4d6f8a1c3e5d"}},
	}
}

func (railsKey) FalsePositives() []Sample {
	return []Sample{
		{Path: "config/master.key", Text: "<paste the key here>\n"},
		{Path: "config/master.key", Text: "3f1c9a7e5b2d4f8a\n"},
		{Path: "certs/server.key", Text: "3f1c9a7e5b2d4f8a6c0e1b3d5f7a9c2e\n"},
	}
}
