package migrate

import (
	"math/rand"
	"regexp"
	"strings"
	"testing"
)

var validName = regexp.MustCompile(`^[A-Za-z0-9/_+=.@-]{1,512}$`)

func TestSanitizeName(t *testing.T) {
	long := strings.Repeat("a", 600)
	for _, tc := range []struct{ in, want string }{
		{"payments/prod/STRIPE_API_KEY", "payments/prod/STRIPE_API_KEY"},
		{"my repo/api key", "my_repo/api_key"},
		{"/lead//trail/", "lead/trail"},
		{"a/../b/./c", "a/b/c"},
		{"émoji🙂/x", "_moji_/x"},
		{"svc/db-abcdef", "svc/db_abcdef"},   // would look like Secrets Manager's suffix
		{"svc/db-abcdefg", "svc/db-abcdefg"}, // seven characters: fine
		{".env", ".env"},
		{"", "secret"},
		{"///", "secret"},
	} {
		if got := SanitizeName(tc.in); got != tc.want {
			t.Errorf("SanitizeName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	got := SanitizeName(long)
	if len(got) > MaxNameLen || !validName.MatchString(got) {
		t.Errorf("long name: %d chars, valid=%v", len(got), validName.MatchString(got))
	}
	if SanitizeName(long) == SanitizeName(long+"b") {
		t.Error("cut names of different inputs collide")
	}
}

func TestSanitizeNameAlwaysValid(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	alphabet := []rune("abcXYZ019/_+=.@- \t\"'{}$é🙂\x00")
	for i := 0; i < 2000; i++ {
		n := r.Intn(700)
		var b strings.Builder
		for j := 0; j < n; j++ {
			b.WriteRune(alphabet[r.Intn(len(alphabet))])
		}
		got := SanitizeName(b.String())
		if !validName.MatchString(got) || nameSuffixRe.MatchString(got) {
			t.Fatalf("SanitizeName(%q) = %q is not a safe name", b.String(), got)
		}
	}
}

func TestVariableName(t *testing.T) {
	const s = "VALUE123"
	for _, tc := range []struct{ line, want string }{
		{`export STRIPE_API_KEY="VALUE123"`, "STRIPE_API_KEY"},
		{`STRIPE_API_KEY=VALUE123`, "STRIPE_API_KEY"},
		{`const stripeKey = "VALUE123"`, "stripeKey"},
		{`apiKey := "VALUE123"`, "apiKey"},
		{`    "api_key": "VALUE123",`, "api_key"},
		{`  password: VALUE123`, "password"},
		{`      NPM_TOKEN: VALUE123`, "NPM_TOKEN"},
		{`self.token = 'VALUE123'`, "token"},
		{`token = os.getenv("TOKEN", "VALUE123")`, "TOKEN"},
		{`sendgrid.api_key = "VALUE123"`, "api_key"},
		{`DATABASE_URL=postgres://app:VALUE123@db.internal:5432/app`, "DATABASE_URL"},
		{`dsn := "postgres://app:VALUE123@db"`, "dsn"},
		{`  webhook: https://hooks.example.com/services/T0/B0/VALUE123`, "webhook"},
		{`os.environ["API_KEY"] = "VALUE123"`, "API_KEY"},
		{`headers = {"Authorization": "Bearer VALUE123"}`, "Authorization"},
		{`arr[0] = "VALUE123"`, ""},
		{`"VALUE123"`, ""},
		{`VALUE123`, ""},
		{`export VALUE123`, ""},
		{`unrelated`, ""},
	} {
		if got := VariableName(tc.line, s); got != tc.want {
			t.Errorf("VariableName(%q) = %q, want %q", tc.line, got, tc.want)
		}
	}
}

func TestAssignNames(t *testing.T) {
	const h1, h2, h3 = "1111111111aa", "2222222222bb", "3333333333cc"
	for _, tc := range []struct {
		name  string
		in    []nameInput
		taken map[string]string
		want  []string
	}{
		{"distinct", []nameInput{{Variable: "A", File: "x.env", Hash: h1}, {Variable: "B", File: "x.env", Hash: h2}},
			nil, []string{"p/A", "p/B"}},
		{"same value shares a name", []nameInput{{Variable: "A", File: "x.env", Hash: h1}, {Variable: "A", File: "y.go", Hash: h1}},
			nil, []string{"p/A", "p/A"}},
		{"different values qualified by file", []nameInput{{Variable: "A", File: "cfg/x.env", Hash: h1}, {Variable: "A", File: "y.go", Hash: h2}},
			nil, []string{"p/cfg/x.env/A", "p/y.go/A"}},
		{"same file too: hash prefix", []nameInput{{Variable: "A", File: "x.env", Hash: h1}, {Variable: "A", File: "x.env", Hash: h2}, {Variable: "A", File: "y.env", Hash: h3}},
			nil, []string{"p/x.env/A_11111111", "p/x.env/A_22222222", "p/y.env/A"}},
		{"rule when no variable", []nameInput{{Rule: "github-pat", File: "x", Hash: h1}},
			nil, []string{"p/github-pat"}},
		{"name taken by an earlier run", []nameInput{{Variable: "A", File: "x.env", Hash: h2}},
			map[string]string{"p/A": h1}, []string{"p/x.env/A"}},
		{"name taken by the same value", []nameInput{{Variable: "A", File: "x.env", Hash: h1}},
			map[string]string{"p/A": h1}, []string{"p/A"}},
		// Issue 15 item 9: names say what the value is and never collide by case.
		{"names differing by case only", []nameInput{{Variable: "password", File: "a.py", Hash: h1}, {Variable: "PASSWORD", File: "b.env", Hash: h2}},
			nil, []string{"p/a.py/password", "p/b.env/PASSWORD"}},
		{"case collision in one file", []nameInput{{Variable: "password", File: "a.py", Hash: h1}, {Variable: "PASSWORD", File: "a.py", Hash: h2}},
			nil, []string{"p/a.py/password_11111111", "p/a.py/PASSWORD_22222222"}},
		{"taken by case", []nameInput{{Variable: "password", File: "a.py", Hash: h2}},
			map[string]string{"p/PASSWORD": h1}, []string{"p/a.py/password"}},
		{"generic header holding a provider token", []nameInput{{Variable: "Authorization", Rule: "github-pat", File: "a.js", Hash: h1}},
			nil, []string{"p/github-pat"}},
		{"password inside a URL", []nameInput{{Variable: "DATABASE_URL", Part: "password", Rule: "generic", File: "a.env", Hash: h1}},
			nil, []string{"p/database-url/password"}},
		{"URL and DSN holding only a password", []nameInput{
			{Variable: "DATABASE_URL", Part: "password", Rule: "url-embedded-password", File: "a.env", Hash: h1},
			{Variable: "DatabaseDSN", Part: "password", Rule: "url-embedded-password", File: "db.go", Hash: h2},
			{Variable: "database_url", Part: "password", Rule: "url-embedded-password", File: "settings.yml", Hash: h3}},
			nil, []string{"p/a.env/database-url/password", "p/database-dsn/password", "p/settings.yml/database-url/password"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := assignNames("p", tc.in, tc.taken)
			if strings.Join(got, ",") != strings.Join(tc.want, ",") {
				t.Errorf("got %v, want %v", got, tc.want)
			}
			// Order independence.
			rev := make([]nameInput, len(tc.in))
			for i := range tc.in {
				rev[len(tc.in)-1-i] = tc.in[i]
			}
			got2, _ := assignNames("p", rev, tc.taken)
			for i := range got2 {
				if got2[i] != got[len(got)-1-i] {
					t.Errorf("names depend on order: %v vs %v", got, got2)
				}
			}
		})
	}
}

func TestAssignKeys(t *testing.T) {
	got := assignKeys([]nameInput{
		{Variable: "A", Hash: "1111111111"}, {Variable: "A", Hash: "1111111111"},
		{Variable: "B", Hash: "2222222222"}, {Variable: "B", Hash: "3333333333"}, {Rule: "r", Hash: "4444444444"},
	})
	want := "A,A,B_22222222,B_33333333,r"
	if strings.Join(got, ",") != want {
		t.Errorf("got %v, want %s", got, want)
	}
}

func TestGroupName(t *testing.T) {
	if got := groupName("payments", "config/prod.env"); got != "payments/config/prod.env" {
		t.Errorf("got %q", got)
	}
}

// TestURLPart: a value inside a URL's user info is named for what it is.
func TestURLPart(t *testing.T) {
	for _, tc := range []struct{ line, secret, want string }{
		{"DATABASE_URL=postgres://app:S3cretFAKE@db:5432/app", "S3cretFAKE", "password"},
		{`DatabaseDSN = "mysql://root:S3cretFAKE@tcp(db)/x"`, "S3cretFAKE", "password"},
		{"MONGO=mongodb://adminFAKE:pw@host/db", "adminFAKE", "user"},
		{"API_KEY=S3cretFAKE", "S3cretFAKE", ""},
		{"x: a:S3cretFAKE@b", "S3cretFAKE", ""},
	} {
		if got := urlPart(tc.line, tc.secret); got != tc.want {
			t.Errorf("urlPart(%q) = %q, want %q", tc.line, got, tc.want)
		}
	}
}

// TestNamesFromURLTemplates: a value inside a URL template or passed to
// one is named after what the string is assigned to and the part it
// fills, never after a placeholder (issue 15 item 9).
func TestNamesFromURLTemplates(t *testing.T) {
	const s = "S3cretFAKE"
	for _, tc := range []struct{ line, variable, part string }{
		{"const url = `mongodb://${user}:S3cretFAKE@mongo:27017/orders`;", "url", "password"},
		{`MONGO_URL = f"mongodb://{user}:S3cretFAKE@mongo:27017/orders"`, "MONGO_URL", "password"},
		{`MONGO_URL = "mongodb://%s:S3cretFAKE@mongo/orders" % user`, "MONGO_URL", "password"},
		{`MONGO_URL = "mongodb://%s:%s@mongo/orders" % (user, "S3cretFAKE")`, "MONGO_URL", "password"},
		{`MONGO_URL = "mongodb://{}:{}@mongo/orders".format(user, 'S3cretFAKE')`, "MONGO_URL", "password"},
		{`dsn := fmt.Sprintf("postgres://%s:%s@%s/db", user, "S3cretFAKE", host)`, "dsn", "password"},
		{`dsn := fmt.Sprintf("postgres://%s:%s@%s/db", "S3cretFAKE", pw, host)`, "dsn", "user"},
		{`uri = "https://%s/api?k=%s" % (host, "S3cretFAKE")`, "uri", ""},
		{`DATABASE_URL=postgres://app:S3cretFAKE@db:5432/app`, "DATABASE_URL", "password"},
		{`    "DATABASE_URL": "postgres://u:S3cretFAKE@h/db",`, "DATABASE_URL", "password"},
		{`database_url: mysql://u:S3cretFAKE@h/db`, "database_url", "password"},
	} {
		if got := VariableName(tc.line, s); got != tc.variable {
			t.Errorf("VariableName(%q) = %q, want %q", tc.line, got, tc.variable)
		}
		if got := urlPart(tc.line, s); got != tc.part {
			t.Errorf("urlPart(%q) = %q, want %q", tc.line, got, tc.part)
		}
	}
}

func TestKebab(t *testing.T) {
	for in, want := range map[string]string{
		"DATABASE_URL": "database-url", "DatabaseDSN": "database-dsn", "databaseUrl": "database-url",
		"MONGO2": "mongo2", "api2Key": "api2-key", "OrdersDSN": "orders-dsn", "db.url": "db-url", "url": "url",
		"HTTPServerURL": "http-server-url", "__x__": "x",
	} {
		if got := kebab(in); got != want {
			t.Errorf("kebab(%q) = %q, want %q", in, got, want)
		}
	}
}
