package parse

import "strings"

// robomongo reads Robomongo's and Robo 3T's settings (robomongo.json,
// robo3t.json): each connection's "credentials" list holds userName and
// userPassword, its "ssh" object a password or a key's passphrase.
type robomongo struct{}

func (robomongo) ID() string { return "robomongo-password" }

func (robomongo) Description() string { return "Password of a Robomongo / Robo 3T MongoDB connection" }

func (robomongo) Match(path string) bool {
	return nameIs(path, "robomongo.json", "robo3t.json")
}

var robomongoKeys = map[string]bool{"userpassword": true, "passphrase": true}

func (robomongo) Parse(_ string, b []byte) []Candidate {
	t := newText(b)
	var out []Candidate
	ok := walkJSON(b, func(_ []string, ms []jsonMember) {
		for _, m := range ms {
			if robomongoKeys[strings.ToLower(m.key)] {
				c := t.candidate(m.key, m.value, m.start, m.end)
				c.Context = userAt(member(ms, "userName"), member(ms, "host", "databaseName"))
				out = append(out, c)
			}
		}
	})
	if !ok {
		out = append(out, jsonLines(t, robomongoKeys)...)
	}
	return withTag(out, TagCredFile)
}

func (robomongo) TruePositives() []Sample {
	return []Sample{
		{Path: ".3T/robo-3t/1.4.4/robo3t.json", Text: `{
    "autoExpand": true,
    "connections": [
        {
            "configVersion": 4,
            "connectionName": "orders",
            "credentials": [
                {
                    "databaseName": "admin",
                    "enabled": true,
                    "mechanism": "SCRAM-SHA-1",
                    "userName": "ops",
                    "userPassword": "m0ngo-0ps-Pw"
                }
            ],
            "serverHost": "mongo.orders.test",
            "serverPort": 27017,
            "ssh": {
                "enabled": false,
                "host": "",
                "method": "password",
                "passphrase": "",
                "userName": "",
                "userPassword": ""
            }
        }
    ]
}
`, Secrets: []string{"m0ngo-0ps-Pw"}},
		{Path: "robomongo.json", Text: "{\"connections\": [{\"credentials\": [{\"userName\": \"a\", \"userPassword\": \"qwerty77\"}]}]\n",
			Secrets: []string{"qwerty77"}},
	}
}

func (robomongo) FalsePositives() []Sample {
	return []Sample{
		{Path: "robo3t.json", Text: "{\"connections\": [{\"credentials\": [{\"userName\": \"\", \"userPassword\": \"\", \"enabled\": false}]}]}\n"},
		{Path: "settings.json", Text: "{\"userPassword\": \"qwerty77\"}\n"},
	}
}
