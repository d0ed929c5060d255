package parse

import (
	"encoding/xml"
	"regexp"
	"strings"
)

// jetBrains reads the deployment settings of JetBrains IDEs (.idea/
// webServers.xml, .idea/deployment.xml, options/webServers.xml): a
// <fileTransfer> element holds the server's password in a password
// attribute (scrambled by the IDE, which is reversible, so it is reported
// as written), older versions an <option name="password" value="…"/>.
type jetBrains struct{}

func (jetBrains) ID() string { return "jetbrains-deployment-password" }

func (jetBrains) Description() string {
	return "Password of a JetBrains IDE deployment server (webServers.xml, deployment.xml)"
}

func (jetBrains) Match(path string) bool {
	return nameIs(path, "webServers.xml", "deployment.xml")
}

func (jetBrains) Parse(_ string, b []byte) []Candidate {
	t := newText(b)
	var out []Candidate
	err := walkXML(b, func(tok xml.Token, start, end int) {
		e, ok := tok.(xml.StartElement)
		if !ok {
			return
		}
		raw := t.s[start:end]
		if v, ok := attr(e, "password"); ok {
			if s, f, ok := attrSpan(raw, "password"); ok {
				c := t.candidate("password", v, start+s, start+f)
				login, _ := attr(e, "login")
				if login == "" {
					login, _ = attr(e, "username")
				}
				host, _ := attr(e, "host")
				c.Context = userAt(login, host)
				out = append(out, c)
			}
		}
		if name, _ := attr(e, "name"); strings.EqualFold(e.Name.Local, "option") && strings.EqualFold(name, "password") {
			v, _ := attr(e, "value")
			if s, f, ok := attrSpan(raw, "value"); ok {
				out = append(out, t.candidate("password", v, start+s, start+f))
			}
		}
	})
	if err != nil {
		out = append(out, jbLines(t)...)
	}
	return withTag(out, TagCredFile)
}

var jbPassword = regexp.MustCompile(`\spassword\s*=\s*"([^"]*)"|<option\s+name="password"\s+value="([^"]*)"`)

// jbLines reads password attributes line by line, for files the XML
// decoder gave up on.
func jbLines(t *text) []Candidate {
	var out []Candidate
	t.each(0, func(line, start int, s string) {
		for _, m := range jbPassword.FindAllStringSubmatchIndex(s, -1) {
			g := 2
			if m[2] < 0 {
				g = 4
			}
			out = append(out, t.candidate("password", xmlUnescape(s[m[g]:m[g+1]]), start+m[g], start+m[g+1]))
		}
	})
	return out
}

func (jetBrains) TruePositives() []Sample {
	return []Sample{
		{Path: ".idea/webServers.xml", Text: `<?xml version="1.0" encoding="UTF-8"?>
<project version="4">
  <component name="WebServers">
    <option name="servers">
      <webServer id="a1b2c3d4-0000-4000-8000-0123456789ab" name="prod" url="http://shop.test">
        <fileTransfer host="ftp.shop.test" port="21" login="deploy" password="dff9dfdadfcbdfd8dfccdfdedfc9dfdf" accessType="FTP">
          <advancedOptions>
            <advancedOptions dataProtectionLevel="Private" passiveMode="true" shareSSLContext="true" />
          </advancedOptions>
        </fileTransfer>
      </webServer>
    </option>
  </component>
</project>
`, Secrets: []string{"dff9dfdadfcbdfd8dfccdfdedfc9dfdf"}},
		{Path: "project/.idea/deployment.xml", Text: "<project version=\"4\">\n  <component name=\"WebServers\">\n    <webServer id=\"x\" name=\"old\">\n      <fileTransfer host=\"10.0.0.9\" port=\"22\" accessType=\"SFTP\">\n        <option name=\"password\" value=\"Rk8#vLq2mZ7x\" />\n      </fileTransfer>\n    </webServer>\n  </component>\n",
			Secrets: []string{"Rk8#vLq2mZ7x"}},
	}
}

func (jetBrains) FalsePositives() []Sample {
	return []Sample{
		{Path: ".idea/webServers.xml", Text: "<project version=\"4\">\n  <component name=\"WebServers\">\n    <option name=\"servers\">\n      <webServer id=\"x\" name=\"prod\">\n        <fileTransfer accessType=\"SFTP\" host=\"h.test\" port=\"22\" sshConfigId=\"9c60\" sshConfig=\"deploy@h.test:22 password\" keyPair=\"true\" />\n      </webServer>\n    </option>\n  </component>\n</project>\n"},
		{Path: ".idea/deployment.xml", Text: "<project version=\"4\">\n  <component name=\"PublishConfigData\" autoUpload=\"Always\" serverName=\"prod\">\n    <serverData>\n      <paths name=\"prod\"><serverdata><mappings><mapping deploy=\"/\" local=\"$PROJECT_DIR$\" /></mappings></serverdata></paths>\n    </serverData>\n  </component>\n</project>\n"},
		{Path: ".idea/webServers.xml", Text: "<fileTransfer host=\"h\" password=\"\" />\n"},
	}
}
