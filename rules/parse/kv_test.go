package parse

import (
	"reflect"
	"strings"
	"testing"
)

func TestKeyValues(t *testing.T) {
	for _, tc := range []struct {
		name, path, text string
		want             []KV
	}{
		{"dotenv", "app/.env.production",
			"# db\nexport DB_PASSWORD=pa55 # weak\nAPI_KEY='lit$eral \\n'\nMULTI=\"a\\\"b\nc\"\nNEXT=x\n=nokey\nBAD='open\n",
			[]KV{
				{Key: "DB_PASSWORD", Value: "pa55", Line: 1, Col: 19, Len: 4},
				{Key: "API_KEY", Value: `lit$eral \n`, Line: 2, Col: 9, Len: 11, Quoted: true},
				{Key: "MULTI", Value: "a\"b\nc", Line: 3, Col: 7, Len: 4, Quoted: true},
				{Key: "NEXT", Value: "x", Line: 5, Col: 5, Len: 1},
			}},
		{"properties", "src/main/resources/application.properties",
			"! comment\n# comment\ndb.password = s3cr\\\n    et\\u0021\nkey\\ with\\ space:v\nempty\nurl=jdbc:x\\\\\n",
			[]KV{
				{Key: "db.password", Value: "s3cret!", Line: 2, Col: 14, Len: 4},
				{Key: "key with space", Value: "v", Line: 4, Col: 17, Len: 1},
				{Key: "empty", Value: "", Line: 5, Col: 5},
				{Key: "url", Value: `jdbc:x\`, Line: 6, Col: 4, Len: 8},
			}},
		{"ini", "conf/app.ini",
			"; c\n[database]\npassword = \"q p\" ; quoted\nuser: admin # who\n[mail]\npass=m#1\n",
			[]KV{
				{Section: "database", Key: "password", Value: "q p", Line: 2, Col: 12, Len: 3, Quoted: true},
				{Section: "database", Key: "user", Value: "admin", Line: 3, Col: 6, Len: 5},
				{Section: "mail", Key: "pass", Value: "m#1", Line: 5, Col: 5, Len: 3},
			}},
		{"other", "main.go", "password = x\n", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := KeyValues(tc.path, []byte(tc.text))
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func FuzzKeyValues(f *testing.F) {
	for _, s := range []string{"A=b\nexport C=\"d\\\"\ne\"\n", "k = v\\\n  w\\u00e9\n", "[s]\nk=\"v\" ; c\n", "X='y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		lines := strings.Split(text, "\n")
		for _, path := range []string{".env", "a.properties", "a.ini"} {
			for _, kv := range KeyValues(path, []byte(text)) {
				if kv.Line < 0 || kv.Line >= len(lines) || kv.Col < 0 || kv.Len < 0 || kv.Col+kv.Len > len(lines[kv.Line]) {
					t.Fatalf("%s: %+v outside the text", path, kv)
				}
			}
		}
	})
}
