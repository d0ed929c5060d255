package parse

import (
	"strings"
	"testing"
)

// fuzzParser seeds f with p's samples, truncated ones too, and checks on
// any input that p neither panics nor places a candidate outside the text.
// Each parser has its own Fuzz function (go test -fuzz FuzzSQL ./rules/parse);
// the normal test run runs them over their seeds.
func fuzzParser(f *testing.F, p Parser) {
	for _, s := range append(p.TruePositives(), p.FalsePositives()...) {
		f.Add(s.Text)
		f.Add(s.Text[:len(s.Text)/2])
		f.Add(strings.ReplaceAll(s.Text, "\n", "\r\n"))
	}
	path := p.TruePositives()[0].Path
	f.Fuzz(func(t *testing.T, text string) {
		lines := strings.Split(text, "\n")
		for _, c := range Run(p, path, []byte(text), nil) {
			if c.Line < 0 || c.Line >= len(lines) || c.Col < 0 || c.Len < 0 || c.Col+c.Len > len(lines[c.Line]) {
				t.Fatalf("candidate outside the text: line %d col %d len %d (%d lines)", c.Line, c.Col, c.Len, len(lines))
			}
			if c.Secret == "" {
				t.Fatal("empty secret")
			}
		}
	})
}

func FuzzFileZilla(f *testing.F)      { fuzzParser(f, fileZilla{}) }
func FuzzDeployConfig(f *testing.F)   { fuzzParser(f, deployConfig{}) }
func FuzzJetBrains(f *testing.F)      { fuzzParser(f, jetBrains{}) }
func FuzzDBeaver(f *testing.F)        { fuzzParser(f, dbeaver{}) }
func FuzzDBeaverXML(f *testing.F)     { fuzzParser(f, dbeaverXML{}) }
func FuzzRobomongo(f *testing.F)      { fuzzParser(f, robomongo{}) }
func FuzzORMYAML(f *testing.F)        { fuzzParser(f, ormYAML{}) }
func FuzzK8sSecret(f *testing.F)      { fuzzParser(f, k8sSecret{}) }
func FuzzSQL(f *testing.F)            { fuzzParser(f, sqlCredential{}) }
func FuzzSMTPClient(f *testing.F)     { fuzzParser(f, esmtprc{}) }
func FuzzGitCredentials(f *testing.F) { fuzzParser(f, gitCredentials{}) }
func FuzzPgpass(f *testing.F)         { fuzzParser(f, pgpass{}) }
func FuzzNetrc(f *testing.F)          { fuzzParser(f, netrc{}) }
func FuzzRailsKey(f *testing.F)       { fuzzParser(f, railsKey{}) }
func FuzzSecretFile(f *testing.F)     { fuzzParser(f, secretFile{}) }

// dbeaverXML is the DBeaver parser on its XML file's path.
type dbeaverXML struct{ dbeaver }

func (dbeaverXML) TruePositives() []Sample { return dbeaver{}.TruePositives()[1:] }

// TestFuzzCoversRegistry checks that each parser that reads content has a
// Fuzz function above (by type).
func TestFuzzCoversRegistry(t *testing.T) {
	fuzzed := map[string]bool{}
	for _, p := range []Parser{fileZilla{}, deployConfig{}, jetBrains{}, dbeaver{}, robomongo{}, ormYAML{}, k8sSecret{}, sqlCredential{}, esmtprc{}, gitCredentials{}, railsKey{}, pgpass{}, netrc{}, secretFile{}} {
		fuzzed[p.ID()] = true
	}
	for _, p := range Registry() {
		if po, ok := p.(PathOnly); ok && po.PathOnly() {
			continue
		}
		if !fuzzed[p.ID()] {
			t.Errorf("%s: no Fuzz function", p.ID())
		}
	}
}
