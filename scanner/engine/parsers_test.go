package engine

import (
	"context"
	"maps"
	"slices"
	"testing"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// TestParserFindings checks the parsers' findings as the engine reports
// them: exact places, one finding per credential when a rule reports it
// too, focus, allowlists.
func TestParserFindings(t *testing.T) {
	cfg, err := DefaultConfig()
	if err != nil {
		t.Fatal(err)
	}
	custom, err := ParseConfig([]byte("[extend]\nuseDefault = true\n[[allowlists]]\npaths = ['''^vendored/''']\n"), ".")
	if err != nil {
		t.Fatal(err)
	}
	only, err := ParseConfig([]byte("[[rules]]\nid = \"mine\"\nregex = '''mine-[0-9]{8}'''\n"), ".")
	if err != nil {
		t.Fatal(err)
	}
	// The default rules without netrc-password (disabledRules does not reach
	// secretsweep's own rules today, so the map is edited).
	noNetrc := cfg
	noNetrc.Rules = maps.Clone(cfg.Rules)
	delete(noNetrc.Rules, "netrc-password")
	sftp := "{\n  \"host\": \"ftp.site.test\",\n  \"user\": \"deploy\",\n  \"password\": \"Qm9!tLx7vR2k\",\n}\n"
	type want struct {
		rule       string
		line, s, e int
		tag        string
	}
	for _, tc := range []struct {
		name  string
		path  string
		text  string
		focus []bool
		noCfg bool // the config replaces the default rules
		other bool // custom config
		off   bool // netrc-password disabled
		want  []want
	}{
		{name: "sftp-config: one finding, the parser's", path: "sftp-config.json", text: sftp,
			want: []want{{"ftp-deploy-config-password", 4, 16, 27, "credfile"}}},
		{name: "same text elsewhere: rules only", path: "notes/config.json", text: sftp,
			want: []want{{"generic-secret-code", 4, 4, 28, ""}}},
		{name: "gitleaks' finding stays and takes the tags", path: ".remote-sync.json",
			text: "{\"hostname\": \"h.test\", \"username\": \"ci\", \"password\": \"" + fakeAWSKeyID + "\"}\n",
			want: []want{{"aws-access-token", 1, 55, 74, "credfile"}}},
		{name: "decoded value, encoded columns", path: "FileZilla/sitemanager.xml",
			text: "<FileZilla3><Servers><Server>\n<Host>h.test</Host><User>u</User>\n<Pass encoding=\"base64\">" + b64("weakpw1") + "</Pass>\n</Server></Servers></FileZilla3>\n",
			want: []want{{"filezilla-password", 3, 25, 36, "credfile"}}},
		{name: "gitleaks' finding stays, the rule's multi-line one goes", path: ".netrc", text: "machine a.test\n  login u\n  password " + fakeAWSKeyID + "\n",
			want: []want{{"aws-access-token", 3, 12, 31, "credfile"}}},
		{name: "a rule's multi-line finding gives way", path: ".netrc", text: "machine a.test\n  login u\n  password Xk9!mQ2vLr7z\n",
			want: []want{{"netrc-password", 3, 12, 23, "credfile"}}},
		{name: "rule disabled, parser too", path: ".netrc", text: "machine a.test\n  login u\n  password Xk9!mQ2vLr7z\n", off: true,
			want: nil},
		{name: "weak password in a credential file", path: "home/.pgpass", text: "db.corp.test:5432:*:app:pass123\n",
			want: []want{{"pgpass-password", 1, 25, 31, "credfile"}}},
		{name: "out of focus", path: "sftp-config.json", text: sftp, focus: []bool{true, true, true, false, true},
			want: nil},
		{name: "in focus", path: "sftp-config.json", text: sftp, focus: []bool{false, false, false, true, false},
			want: []want{{"ftp-deploy-config-password", 4, 16, 27, "credfile"}}},
		{name: "fixture marker", path: "sftp-config.json",
			text: "{\"host\": \"h\", \"password\": \"Qm9!tLx7vR2k\"} // secretsweep:allow\n", want: nil},
		{name: "global allowlist path", path: "vendored/sftp-config.json", text: sftp, other: true, want: nil},
		{name: "config without the default rules", path: "sftp-config.json", text: sftp, noCfg: true, want: nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := cfg
			if tc.other {
				c = custom
			}
			if tc.noCfg {
				c = only
			}
			if tc.off {
				c = noNetrc
			}
			e := New(c, Options{MaxDecodeDepth: 5})
			got := e.Scan(context.Background(), Fragment{Path: tc.path, Text: tc.text, StartLine: 1, Focus: tc.focus})
			var gotW []want
			for _, f := range got {
				tag := ""
				if slices.Contains(f.Tags, "credfile") {
					tag = "credfile"
				}
				gotW = append(gotW, want{f.RuleID, f.StartLine, f.StartColumn, f.EndColumn, tag})
			}
			if !slices.Equal(gotW, tc.want) {
				t.Errorf("findings %+v, want %+v", gotW, tc.want)
			}
			for _, f := range got {
				checkFinding(t, f, tc.path)
				if f.RuleID == "filezilla-password" && f.Extra[LoginKey] != "u@h.test" {
					t.Errorf("login %q, want u@h.test", f.Extra[LoginKey])
				}
			}
		})
	}
}

func checkFinding(t *testing.T, f finding.Finding, path string) {
	t.Helper()
	if f.File != path || f.Fingerprint != path+":"+f.RuleID+":"+itoa(f.StartLine) || f.Match == "" || f.Secret == "" {
		t.Errorf("finding fields: %+v", f)
	}
}

func TestParserPathOnly(t *testing.T) {
	cfg, err := DefaultConfig()
	if err != nil {
		t.Fatal(err)
	}
	e := New(cfg, Options{})
	for path, want := range map[string]bool{
		"ws/.dbeaver/credentials-config.json": true,
		"credentials-config.json":             false,
		".dbeaver/data-sources.json":          false,
	} {
		got := e.ScanPath(context.Background(), path)
		found := slices.ContainsFunc(got, func(f finding.Finding) bool { return f.RuleID == "dbeaver-credentials-file" })
		if found != want {
			t.Errorf("%s: found %v, want %v (%+v)", path, found, want, got)
		}
		if want && e.Parses(path) {
			t.Errorf("%s: a path-only parser needs no content", path)
		}
	}
}
