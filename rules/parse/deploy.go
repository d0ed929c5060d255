package parse

import "strings"

// deployConfig reads the JSON files in which editor and build plugins keep
// an FTP/SFTP server's login: Sublime SFTP's sftp-config.json (JSON with
// comments), Atom's .remote-sync.json and .ftpconfig, VS Code SFTP's
// .vscode/sftp.json (one object or a list of them) and grunt-ftp-deploy's
// .ftppass.
type deployConfig struct{}

func (deployConfig) ID() string { return "ftp-deploy-config-password" }

func (deployConfig) Description() string {
	return "Password in an editor's FTP/SFTP deployment config (sftp-config.json, .remote-sync.json, .ftpconfig, sftp.json)"
}

func (deployConfig) Match(path string) bool {
	return nameIs(path, "sftp-config.json", "sftp-config-alt.json", ".remote-sync.json", ".ftpconfig", ".ftppass") ||
		(nameIs(path, "sftp.json") && nameIs(dir(path), ".vscode"))
}

// deployKeys are the members that hold a password or a key's passphrase.
var deployKeys = map[string]bool{"password": true, "pass": true, "passphrase": true}

func (deployConfig) Parse(_ string, b []byte) []Candidate {
	t := newText(b)
	var out []Candidate
	ok := walkJSON(b, func(_ []string, ms []jsonMember) {
		ctx := userAt(member(ms, "user", "username", "login"), member(ms, "host", "hostname"))
		for _, m := range ms {
			if deployKeys[strings.ToLower(m.key)] {
				c := t.candidate(m.key, m.value, m.start, m.end)
				c.Context = ctx
				out = append(out, c)
			}
		}
	})
	if !ok {
		out = append(out, jsonLines(t, deployKeys)...)
	}
	return withTag(out, TagCredFile)
}

func (deployConfig) TruePositives() []Sample {
	return []Sample{
		{Path: "sftp-config.json", Text: `{
    // The tab key will cycle through the settings when first created
    // Visit https://codexns.io/products/sftp_for_subime/settings for help

    // sftp, ftp or ftps
    "type": "ftp",

    "save_before_upload": true,
    "upload_on_save": true,
    "sync_down_on_open": false,

    "host": "ftp.site.test",
    "user": "webmaster",
    "password": "Qm9!tLx7vR2k", // keep this file out of git
    //"port": "22",

    "remote_path": "/public_html/",
    "ignore_regexes": [
        "\\.sublime-(project|workspace)", "sftp-config(-alt\\d?)?\\.json",
    ],
    "connect_timeout": 30,
}
`, Secrets: []string{"Qm9!tLx7vR2k"}},
		{Path: "site/.remote-sync.json", Text: `{"transport": "ftp", "hostname": "10.1.2.3", "port": 21, "username": "www", "password": "sup3r\"pw", "target": "/var/www"}`,
			Secrets: []string{`sup3r"pw`}},
		{Path: ".ftpconfig", Text: "{\n  \"protocol\": \"ftp\",\n  \"host\": \"ftp.a.test\",\n  \"user\": \"bob\",\n  \"pass\": \"123456\",\n  \"promptForPass\": false\n}\n",
			Secrets: []string{"123456"}},
		{Path: "app/.vscode/sftp.json", Text: "[\n  {\"name\": \"prod\", \"host\": \"p.test\", \"username\": \"ci\", \"password\": \"Vx7#kq2Lm9pZ\"},\n  {\"name\": \"stage\", \"host\": \"s.test\", \"privateKeyPath\": \"~/.ssh/id_ed25519\", \"passphrase\": \"r4nd0m-Phr4se\"}\n]\n",
			Secrets: []string{"Vx7#kq2Lm9pZ", "r4nd0m-Phr4se"}},
		// Truncated inside a string: read line by line.
		{Path: "sftp-config.json", Text: "{\n  \"host\": \"h.test\",\n  \"password\": \"Kp2!zQ8wLm\",\n  \"remote_path\": \"/va",
			Secrets: []string{"Kp2!zQ8wLm"}},
	}
}

func (deployConfig) FalsePositives() []Sample {
	return []Sample{
		{Path: "sftp-config.json", Text: "{\n  \"host\": \"example.com\",\n  \"user\": \"username\",\n  //\"password\": \"Qm9!tLx7vR2k\",\n  \"password\": \"password\",\n  \"ssh_key_file\": \"~/.ssh/id_rsa\"\n}\n"},
		{Path: ".vscode/sftp.json", Text: "{\"host\": \"h\", \"password\": \"${env:SFTP_PASSWORD}\", \"passphrase\": true}\n"},
		{Path: "sftp.json", Text: "{\"host\": \"h\", \"password\": \"Vx7#kq2Lm9pZ\"}\n"}, // not under .vscode
		{Path: ".ftpconfig", Text: "{\"host\": \"h\", \"pass\": \"\", \"promptForPass\": true}\n"},
		// Shapes of published templates.
		{Path: ".ftpconfig", Text: "{\n  \"protocol\": \"sftp\",\n  \"user\": \"username-of-vm\", // string - Username\n  \"pass\": \"password-of-virtualmachine\", // string - Password\n  \"passphrase\": \"SSH_KEY_PASSWORD_HERE\"\n}\n"},
		{Path: ".ftpconfig", Text: "{\"host\": \"{host}\", \"user\": \"{user}\", \"pass\": \"{password}\", \"promptForPass\": false}\n"},
	}
}
