package parse

import (
	"encoding/base64"
	"encoding/xml"
	"regexp"
	"strings"
)

// fileZilla reads FileZilla's site manager, recent servers and settings
// files: each <Server> holds <Host>, <User> and <Pass>, the password in
// clear or base64 (<Pass encoding="base64">); encoding="crypt" passwords are
// encrypted under a master password and are not reported.
type fileZilla struct{}

func (fileZilla) ID() string { return "filezilla-password" }

func (fileZilla) Description() string { return "Password of a FileZilla site" }

func (fileZilla) Match(path string) bool {
	return nameIs(path, "sitemanager.xml", "recentservers.xml", "filezilla.xml")
}

// fzServer is the <Server> being read.
type fzServer struct {
	host, user string
	pass       []Candidate
}

func (s *fzServer) flush(out *[]Candidate) {
	ctx := s.host
	if s.user != "" {
		ctx = s.user + "@" + s.host
	}
	for _, c := range s.pass {
		c.Context = ctx
		*out = append(*out, c)
	}
	*s = fzServer{}
}

func (fileZilla) Parse(_ string, b []byte) []Candidate {
	t := newText(b)
	var (
		out      []Candidate
		srv      fzServer
		elem     string // the element whose text comes next
		encoding string
	)
	err := walkXML(b, func(tok xml.Token, start, end int) {
		switch tok := tok.(type) {
		case xml.StartElement:
			elem = tok.Name.Local
			encoding, _ = attr(tok, "encoding")
		case xml.EndElement:
			if tok.Name.Local == "Server" {
				srv.flush(&out)
			}
			elem = ""
		case xml.CharData:
			v := strings.TrimSpace(string(tok))
			switch elem {
			case "Host":
				srv.host = v
			case "User":
				srv.user = v
			case "Pass":
				s, e := charSpan(b, start, end)
				if secret, ok := fzPassword(v, encoding); ok {
					srv.pass = append(srv.pass, t.candidate("Pass", secret, s, e))
				}
			}
		}
	})
	srv.flush(&out)
	if err != nil {
		out = append(out, fzLines(t)...)
	}
	return withTag(out, TagCredFile)
}

// fzPassword decodes a <Pass> value.
func fzPassword(v, encoding string) (string, bool) {
	switch strings.ToLower(encoding) {
	case "":
		return v, true
	case "base64":
		d, err := base64.StdEncoding.DecodeString(v)
		if err != nil {
			return v, true // not what FileZilla writes: report it as written
		}
		return string(d), true
	}
	return "", false
}

var fzPass = regexp.MustCompile(`<Pass(?:\s+encoding\s*=\s*["'](\w*)["'])?\s*>([^<]*)</Pass>`)

// fzLines reads <Pass> elements line by line, for files the XML decoder
// gave up on.
func fzLines(t *text) []Candidate {
	var out []Candidate
	t.each(0, func(line, start int, s string) {
		for _, m := range fzPass.FindAllStringSubmatchIndex(s, -1) {
			v := strings.TrimSpace(s[m[4]:m[5]])
			enc := ""
			if m[2] >= 0 {
				enc = s[m[2]:m[3]]
			}
			if secret, ok := fzPassword(xmlUnescape(v), enc); ok {
				vs := m[4] + strings.Index(s[m[4]:m[5]], v)
				out = append(out, t.candidate("Pass", secret, start+vs, start+vs+len(v)))
			}
		}
	})
	return out
}

// xmlUnescape decodes the five predefined entities and character
// references of XML text.
func xmlUnescape(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	var v struct {
		S string `xml:",chardata"`
	}
	if xml.Unmarshal([]byte("<v>"+s+"</v>"), &v) != nil {
		return s
	}
	return v.S
}

// withTag adds tag to every candidate.
func withTag(cs []Candidate, tags ...string) []Candidate {
	for i := range cs {
		cs[i].Tags = append(cs[i].Tags, tags...)
	}
	return cs
}

func (fileZilla) TruePositives() []Sample {
	return []Sample{
		{Path: "backup/FileZilla/sitemanager.xml", Text: `<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>
<FileZilla3 version="3.60.2" platform="windows">
	<Servers>
		<Folder expanded="1">Clients
			<Server>
				<Host>ftp.shop.test</Host>
				<Port>21</Port>
				<Protocol>0</Protocol>
				<Type>0</Type>
				<User>deploy</User>
				<Pass encoding="base64">cTdMbSF2WjJ4UjlrVw==</Pass>
				<Logontype>1</Logontype>
				<Name>shop</Name>
			</Server>
		</Folder>
		<Server>
			<Host>10.0.0.7</Host>
			<User>root</User>
			<Pass>toor&amp;42</Pass>
		</Server>
	</Servers>
</FileZilla3>
`, Secrets: []string{"q7Lm!vZ2xR9kW", "toor&42"}},
		// Truncated: the site before the cut is still read.
		{Path: "recentservers.xml", Text: "<FileZilla3>\n<RecentServers>\n<Server><Host>ftp.a.test</Host><User>u1</User><Pass encoding=\"base64\">aHVudGVyMjI=</Pass>\n<Name>a</N",
			Secrets: []string{"hunter22"}},
	}
}

func (fileZilla) FalsePositives() []Sample {
	return []Sample{
		{Path: "sitemanager.xml", Text: "<FileZilla3><Servers><Server><Host>h</Host><User>u</User><Pass encoding=\"crypt\" pubkey=\"AAAA\">Zm9vYmFyYmF6</Pass></Server></Servers></FileZilla3>\n"},
		{Path: "sitemanager.xml", Text: "<FileZilla3><Servers><Server><Host>{{ server.host }}</Host><Pass encoding=\"base64\">{{ server.pass }}</Pass></Server></Servers></FileZilla3>\n"},
		{Path: "sitemanager.xml", Text: "<FileZilla3><Servers><Server><Host>h</Host><Logontype>2</Logontype><Pass></Pass></Server></Servers></FileZilla3>\n"},
		// Another file that happens to have <Pass>: not FileZilla's.
		{Path: "config/settings.xml", Text: "<Server><Pass>q7Lm!vZ2xR9kW</Pass></Server>\n"},
	}
}
