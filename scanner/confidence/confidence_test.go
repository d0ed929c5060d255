package confidence

import (
	"fmt"
	"testing"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// gitleaksDefaults stands for the engine's list of gitleaks' default rules.
func gitleaksDefaults(id string) bool {
	return id == "generic-api-key" || id == "aws-access-token" || id == "github-pat"
}

func TestScore(t *testing.T) {
	const (
		strongValue = "Kx7mQ2vLp9ab" // 12 characters, three classes
		fairValue   = "Qz7mK2pLx9"
	)
	own := []string{"secretsweep", "env"}
	for _, tc := range []struct {
		name    string
		f       finding.Finding
		want    finding.Confidence
		minimum int // the score must be at least this
	}{
		{name: "provider token", want: finding.ConfidenceHigh,
			f: finding.Finding{RuleID: "github-pat", File: "main.go", Secret: "ghp_Kx7mQ2vLp9abKx7mQ2vLp9abKx7mQ2vLp9ab"}},
		{name: "provider token in a test file stays high", want: finding.ConfidenceHigh,
			f: finding.Finding{RuleID: "github-pat", File: "tests/api_test.go", Secret: "ghp_Kx7mQ2vLp9abKx7mQ2vLp9abKx7mQ2vLp9ab"}},
		{name: "our rule tagged provider", want: finding.ConfidenceHigh,
			f: finding.Finding{RuleID: "aws-secret", Tags: []string{"secretsweep", "provider"}, File: "x.py", Secret: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzz9x2Q"}},
		{name: "provider placeholder of a default rule floors at medium", want: finding.ConfidenceMedium,
			f: finding.Finding{RuleID: "aws-access-token", File: "README.md", Secret: "AKIAIOSFODNN7EXAMPLE"}},
		{name: "strong password in an assignment", want: finding.ConfidenceHigh, minimum: 80,
			f: finding.Finding{RuleID: "generic-secret-env", Tags: own, File: "deploy.sh", Match: "DB_PASSWORD=" + strongValue, Secret: strongValue}},
		{name: "weak password in .env", want: finding.ConfidenceMedium,
			f: finding.Finding{RuleID: "generic-secret-env", Tags: own, File: ".env", Match: "DB_PASSWORD=pass123", Secret: "pass123"}},
		// Under a JWT key any word is the signing key, unless it says it
		// is a placeholder or repeats the whole key.
		{name: "JWT key of a word", want: finding.ConfidenceMedium,
			f: finding.Finding{RuleID: "generic-secret-env", Tags: own, File: ".env", Match: "JWT_SECRET=access", Secret: "access"}},
		{name: "JWT key of the word secret in a config module", want: finding.ConfidenceMedium,
			f: finding.Finding{RuleID: "generic-secret-code", Tags: own, File: "config/keys.js", Match: "  jwt_secret: 'secret", Secret: "secret"}},
		// Digits an app's own code signs tokens with are its key; a
		// test's are filler.
		{name: "JWT key of sequential digits in app code", want: finding.ConfidenceMedium,
			f: finding.Finding{RuleID: "jwt-file-secret", Tags: []string{"secretsweep", "code", "signing-key"}, File: "config/jwt.js", Line: "const jwtSecret = '123456789';", Match: "jwtSecret = '123456789", Secret: "123456789"}},
		{name: "JWT key of sequential digits in a test", want: finding.ConfidenceLow,
			f: finding.Finding{RuleID: "jwt-file-secret", Tags: []string{"secretsweep", "code", "signing-key"}, File: "test/jwt.test.js", Line: "const jwtSecret = '123456789';", Match: "jwtSecret = '123456789", Secret: "123456789"}},
		{name: "JWT key of two words in app code", want: finding.ConfidenceMedium,
			f: finding.Finding{RuleID: "generic-secret-code", Tags: own, File: "Middlewares/auth.js", Line: "const jwtKey = 'zorkbirds';", Match: "jwtKey = 'zorkbirds", Secret: "zorkbirds"}},
		{name: "session middleware secret written as a sentence", want: finding.ConfidenceHigh,
			f: finding.Finding{RuleID: "session-middleware-secret", Tags: []string{"secretsweep", "code", "session", "signing-key"}, File: "app.js", Line: "    secret: 'Once again Zork wins cutest gnome!',", Match: "session')({\n    secret: 'Once again Zork wins cutest gnome!", Secret: "Once again Zork wins cutest gnome!"}},
		{name: "JWT key repeating its key", want: finding.ConfidenceLow,
			f: finding.Finding{RuleID: "generic-secret-env", Tags: own, File: ".env", Match: "JWT_SECRET=jwt_secret", Secret: "jwt_secret"}},
		{name: "JWT key placeholder", want: finding.ConfidenceLow,
			f: finding.Finding{RuleID: "generic-secret-env", Tags: own, File: ".env", Match: "JWT_SECRET=your_jwt_secret", Secret: "your_jwt_secret"}},
		{name: "project-named password in a database URL", want: finding.ConfidenceHigh,
			f: finding.Finding{RuleID: "url-embedded-password", Tags: []string{"secretsweep", "url", "connection"}, File: "alembic.ini", Match: "postgresql://zork:zork_dev_password@localhost", Secret: "zork_dev_password"}},
		{name: "strong-looking password in a URL to a documentation host", want: finding.ConfidenceLow,
			f: finding.Finding{RuleID: "url-embedded-password", Tags: []string{"secretsweep", "url", "connection"}, File: "config/env/production.js", Match: "mysql://admin:Kx7mQ2vLp9ab@db.example.com:3306/my_prod_db", Secret: "Kx7mQ2vLp9ab"}},
		{name: "a practice site's shared password in a test fixture", want: finding.ConfidenceMedium,
			f: finding.Finding{RuleID: "demo-site-password", Tags: []string{"secretsweep", "password", "login"}, File: "cypress/fixtures/users.json", Match: "\"secret_sauce\"", Secret: "secret_sauce"}},
		{name: "key in an Android string resource", want: finding.ConfidenceHigh,
			f: finding.Finding{RuleID: "mobile-resource-secret", Tags: []string{"secretsweep", "config", "password", "resource"}, File: "app/src/main/res/values/strings.xml", Match: "<string name=\"twitter_consumer_secret\">Zq8vL2mXr7kTn4Wb3c9dZork", Secret: "Zq8vL2mXr7kTn4Wb3c9dZork"}},
		{name: "secret-named entry of a locale's strings under a UI key", want: finding.ConfidenceLow,
			f: finding.Finding{RuleID: "mobile-resource-secret", Tags: []string{"secretsweep", "config", "password", "resource"}, File: "app/src/main/res/values-de/strings.xml", Match: "<string name=\"hint_password\">zork4711", Secret: "zork4711"}},
		{name: "weak password in compose", want: finding.ConfidenceMedium,
			f: finding.Finding{RuleID: "generic-secret-yaml", Tags: own, File: "docker-compose.yml", Match: "POSTGRES_PASSWORD: hunter22", Secret: "hunter22"}},
		// A test path ranks a value lower but does not hide it: in the
		// real-code corpus tests logging in as seeded accounts outnumbered
		// throwaway users.
		{name: "weak password in a test fixture stays medium", want: finding.ConfidenceMedium,
			f: finding.Finding{RuleID: "generic-secret-env", Tags: own, File: "tests/fixtures/.env", Match: "DB_PASSWORD=pass123", Secret: "pass123"}},
		{name: "fair password in .env", want: finding.ConfidenceMedium,
			f: finding.Finding{RuleID: "generic-secret-env", Tags: own, File: ".env", Match: "DB_PASSWORD=" + fairValue, Secret: fairValue}},
		{name: "fair password in a test fixture stays medium", want: finding.ConfidenceMedium,
			f: finding.Finding{RuleID: "generic-secret-env", Tags: own, File: "tests/fixtures/.env", Match: "DB_PASSWORD=" + fairValue, Secret: fairValue}},
		{name: "strong password in a test file drops one level", want: finding.ConfidenceMedium,
			f: finding.Finding{RuleID: "generic-secret-code", Tags: own, File: "src/db_test.go", Match: `password := "` + strongValue, Secret: strongValue}},
		{name: "strong value under a bare key", want: finding.ConfidenceMedium,
			f: finding.Finding{RuleID: "generic-secret-code", Tags: own, File: "app.py", Match: `key = "` + strongValue, Secret: strongValue}},
		{name: "a weak password on a command line to a documentation host is the example's", want: finding.ConfidenceLow,
			f: finding.Finding{RuleID: "cli-secret-flag", Tags: []string{"secretsweep", "ci", "cli"}, File: "README.md", Match: " --password admin", Secret: "admin",
				Line: "trufflehog jenkins --url https://jenkins.example.com --username admin --password admin"}},
		{name: "the same command to a real host is medium", want: finding.ConfidenceMedium,
			f: finding.Finding{RuleID: "cli-secret-flag", Tags: []string{"secretsweep", "ci", "cli"}, File: "README.md", Match: " --password admin", Secret: "admin",
				Line: "kcadm.sh config credentials --server http://localhost:8080 --user admin --password admin"}},
		{name: "an e-mail at example.com is no example host", want: finding.ConfidenceMedium,
			f: finding.Finding{RuleID: "cli-secret-flag", Tags: []string{"secretsweep", "ci", "cli"}, File: "docs/install.md", Match: " --admin-password=shop2023", Secret: "shop2023",
				Line: "php bin/magento setup:install --admin-email=admin@example.com --admin-password=shop2023"}},
		{name: "filler word and digits in a seeder is the seeded account's password", want: finding.ConfidenceMedium,
			f: finding.Finding{RuleID: "password-hash-call", Tags: []string{"secretsweep", "code"}, File: "database/seeders/ClientSeeder.php", Match: "Hash::make('password123'", Secret: "password123"}},
		{name: "the same call in app code is an example", want: finding.ConfidenceLow,
			f: finding.Finding{RuleID: "password-hash-call", Tags: []string{"secretsweep", "code"}, File: "app/Http/Controllers/DemoController.php", Match: "Hash::make('password123'", Secret: "password123"}},
		{name: "a weak password a development log records is a local sign-up's", want: finding.ConfidenceLow,
			f: finding.Finding{RuleID: "generic-secret-code", Tags: own, File: "log/development.log", Match: `"password": "zork89"`, Secret: "zork89"}},
		{name: "a strong secret in a development log stays", want: finding.ConfidenceHigh,
			f: finding.Finding{RuleID: "generic-secret-code", Tags: own, File: "log/development.log", Match: `"api_key": "` + strongValue, Secret: strongValue}},
		{name: "a letter before digits under a password column of a dump is a seeded password", want: finding.ConfidenceMedium,
			f: finding.Finding{RuleID: "sql-credential", Tags: []string{"secretsweep", "credfile"}, File: "dump.sql", Match: "password: 'z47110'", Secret: "z47110"}},
		{name: "digits an install script sets are the password", want: finding.ConfidenceMedium,
			f: finding.Finding{RuleID: "generic-secret-env", Tags: []string{"secretsweep", "ci", "env"}, File: "scripts/pre-common.sh", Match: "DBINIT_MYSQL_PASSWORD=123456", Secret: "123456"}},
		{name: "a Kubernetes Secret's value that echoes its key is still what runs", want: finding.ConfidenceHigh,
			f: finding.Finding{RuleID: "kubernetes-secret-password", Tags: []string{"secretsweep", "credfile", "live"}, File: "k8s/mysql/secret.yaml", Match: "MYSQL_ROOT_PASSWORD: rootpassword", Secret: "rootpassword"}},
		{name: "weak value in docs stays medium (README snippets the reader runs)", want: finding.ConfidenceMedium,
			f: finding.Finding{RuleID: "generic-secret-env", Tags: own, File: "README.md", Match: "DB_PASSWORD=pass123", Secret: "pass123"}},
		{name: "strong value in docs", want: finding.ConfidenceHigh,
			f: finding.Finding{RuleID: "generic-secret-env", Tags: own, File: "docs/setup.rst", Match: "DB_PASSWORD=" + strongValue, Secret: strongValue}},
		{name: "fair value in a lockfile", want: finding.ConfidenceLow,
			f: finding.Finding{RuleID: "generic-secret-ini", Tags: own, File: "yarn.lock", Match: "token " + fairValue, Secret: fairValue}},
		{name: "placeholder", want: finding.ConfidenceLow,
			f: finding.Finding{RuleID: "generic-secret-env", Tags: own, File: ".env", Match: "API_TOKEN=your-api-token-here", Secret: "your-api-token-here"}},
		{name: "self-describing value in a test", want: finding.ConfidenceLow,
			f: finding.Finding{RuleID: "xml-secret-element", Tags: own, File: "src/test/java/FakeTest.java", Match: "<secret>my_drive_service_secret_42", Secret: "my_drive_service_secret_42"}},
		{name: "self-describing value in docs", want: finding.ConfidenceLow,
			f: finding.Finding{RuleID: "xml-secret-element", Tags: own, File: "docs/SETUP.md", Match: "<secret>my_fakeapp_level3_answer", Secret: "my_fakeapp_level3_answer"}},
		{name: "self-describing name in .env is the stack's default", want: finding.ConfidenceHigh,
			f: finding.Finding{RuleID: "generic-secret-env", Tags: own, File: ".env", Match: "DB_PASSWORD=my_db_password_1", Secret: "my_db_password_1"}},
		{name: "owner word before a chosen password", want: finding.ConfidenceMedium,
			f: finding.Finding{RuleID: "generic-secret-code", Tags: own, File: "app/db.py", Match: `password = "my_Sommer19`, Secret: "my_Sommer19"}},
		// In a .env, a config or a credential file digits are the password
		// the service runs with (noise_test.go); in code they are filler.
		{name: "Devise's commented generator secret", want: finding.ConfidenceLow,
			f: finding.Finding{RuleID: "generic-secret-code", Tags: own, File: "config/initializers/devise.rb", Match: `config.pepper = '` + strongValue, Secret: strongValue, Line: `  # config.pepper = '` + strongValue + `'`}},
		{name: "Devise's secret set", want: finding.ConfidenceHigh,
			f: finding.Finding{RuleID: "generic-secret-code", Tags: own, File: "config/initializers/devise.rb", Match: `config.secret_key = '` + strongValue, Secret: strongValue, Line: `  config.secret_key = '` + strongValue + `'`}},
		{name: "sequential characters in a test", want: finding.ConfidenceLow,
			f: finding.Finding{RuleID: "generic-secret-code", Tags: own, File: "tests/test_db.py", Match: `password = "12345678`, Secret: "12345678"}},
		{name: "sequential characters an app connects with", want: finding.ConfidenceMedium,
			f: finding.Finding{RuleID: "generic-secret-code", Tags: own, File: "app/db.py", Match: `password = "12345678`, Secret: "12345678"}},
		{name: "sequential characters in a doc comment", want: finding.ConfidenceLow,
			f: finding.Finding{RuleID: "generic-secret-code", Tags: own, File: "lib/auth.rb", Match: `password = "12345678`, Secret: "12345678", Line: `  #   user.password = "12345678"`}},
		{name: "credential file, strong", want: finding.ConfidenceHigh,
			f: finding.Finding{RuleID: "netrc", Tags: []string{"secretsweep", "credfile"}, File: ".netrc", Match: "password " + strongValue, Secret: strongValue}},
		{name: "credential file, weak", want: finding.ConfidenceMedium,
			f: finding.Finding{RuleID: "netrc", Tags: []string{"secretsweep", "credfile"}, File: "home/.netrc", Match: "password pass123", Secret: "pass123"}},
		{name: "credential file, weak, in a fixture stays medium", want: finding.ConfidenceMedium,
			f: finding.Finding{RuleID: "netrc", Tags: []string{"secretsweep", "credfile"}, File: "testdata/.netrc", Match: "password pass123", Secret: "pass123"}},
		{name: "credential file, strong, in a fixture stays high", want: finding.ConfidenceHigh,
			f: finding.Finding{RuleID: "netrc", Tags: []string{"secretsweep", "credfile"}, File: "testdata/.netrc", Match: "password " + strongValue, Secret: strongValue}},
		{name: "explicit tag sets the level", want: finding.ConfidenceLow,
			f: finding.Finding{RuleID: "custom", Tags: []string{"confidence:low"}, File: ".env", Match: "X=" + strongValue, Secret: strongValue}},
		{name: "explicit tag wins over provider", want: finding.ConfidenceMedium,
			f: finding.Finding{RuleID: "custom", Tags: []string{"provider", "Confidence:Medium"}, File: "a.go", Secret: strongValue}},
		{name: "verified", want: finding.ConfidenceHigh, minimum: 100,
			f: finding.Finding{RuleID: "generic-secret-env", Tags: own, File: "tests/.env", Match: "DB_PASSWORD=pass123", Secret: "pass123",
				Verification: &finding.Verification{Status: "verified"}}},
		{name: "invalid verification changes nothing", want: finding.ConfidenceLow,
			f: finding.Finding{RuleID: "generic-secret-env", Tags: own, File: "tests/.env", Match: "DB_PASSWORD=changeme", Secret: "changeme",
				Verification: &finding.Verification{Status: "invalid"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, score := Scorer{Default: gitleaksDefaults}.Score(&tc.f)
			if got != tc.want || score < tc.minimum || score < 0 || score > 100 || level(score) != got {
				t.Errorf("Score = %s (%d), want %s (at least %d)", got, score, tc.want, tc.minimum)
			}
		})
	}
}

// Every finding of a gitleaks default rule, generic-api-key included, is
// medium or high whatever its path and file, unless its value is inert
// (inert_test.go): the default threshold keeps gitleaks parity.
func TestDefaultRulesNeverBelowMedium(t *testing.T) {
	values := []string{"AKIAIOSFODNN7EXAMPLE", "pass123", "<token>", "x", "Kx7mQ2vLp9ab", "my-api-key-2", "12345678abcdefgh0Kx7"}
	files := []string{"tests/fixtures/.env", "README.md", "yarn.lock", "examples/mock_sample_test.go", "(commit message)"}
	matches := []string{"key = %s", "auth: %s", "%s"}
	s := Scorer{Default: gitleaksDefaults}
	for _, id := range []string{"generic-api-key", "aws-access-token", "github-pat"} {
		for _, v := range values {
			for _, file := range files {
				for _, m := range matches {
					f := finding.Finding{RuleID: id, File: file, Secret: v, Match: fmt.Sprintf(m, v), Tags: []string{"confidence:low"}}
					if got, score := s.Score(&f); !got.AtLeast(finding.ConfidenceMedium) || score < MediumAt {
						t.Errorf("%s %q in %s (%q) = %s (%d), want medium or high", id, v, file, f.Match, got, score)
					}
				}
			}
		}
	}
}

func TestRuleClass(t *testing.T) {
	for _, tc := range []struct {
		id        string
		tags      []string
		isDefault bool
		want      class
		tagged    finding.Confidence
	}{
		{"aws-access-token", nil, true, classProvider, ""},
		{"generic-api-key", nil, true, classGeneric, ""},
		{"generic-secret-env", []string{"secretsweep", "env"}, false, classGeneric, ""},
		{"aws-secret", []string{"secretsweep", "provider"}, false, classProvider, ""},
		{"netrc", []string{"secretsweep", "credfile"}, false, classCredFile, ""},
		{"custom", []string{"confidence:high"}, false, classGeneric, finding.ConfidenceHigh},
		{"custom", []string{"confidence:bogus"}, false, classGeneric, ""},
		{"custom", nil, false, classGeneric, ""},
	} {
		c, tagged := ruleClass(&finding.Finding{RuleID: tc.id, Tags: tc.tags}, tc.isDefault)
		if c != tc.want || tagged != tc.tagged {
			t.Errorf("ruleClass(%s %v) = %d %q, want %d %q", tc.id, tc.tags, c, tagged, tc.want, tc.tagged)
		}
	}
}

func TestLower(t *testing.T) {
	for _, tc := range []struct{ in, want int }{{100, 69}, {75, 45}, {70, 40}, {69, 39}, {45, 15}, {39, 9}, {10, 0}} {
		if got := lower(tc.in); got != tc.want {
			t.Errorf("lower(%d) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

func TestApply(t *testing.T) {
	fs := []finding.Finding{
		{RuleID: "github-pat", Secret: "ghp_Kx7mQ2vLp9abKx7mQ2vLp9abKx7mQ2vLp9ab", File: "a.go"},
		{RuleID: "generic-secret-env", Tags: []string{"secretsweep"}, File: ".env", Match: "API_TOKEN=changeme", Secret: "changeme"},
	}
	Scorer{Default: gitleaksDefaults}.Apply(fs)
	if fs[0].Confidence != finding.ConfidenceHigh || fs[0].ConfidenceScore != 90 || fs[1].Confidence != finding.ConfidenceLow {
		t.Errorf("Apply: %s %d, %s %d", fs[0].Confidence, fs[0].ConfidenceScore, fs[1].Confidence, fs[1].ConfidenceScore)
	}
}

// TestApplyThrowaway: a weak value in a test's code that no finding outside
// tests holds is low; the same value also found in seed data keeps its
// level; Score alone (no scan around it) does not judge it.
func TestApplyThrowaway(t *testing.T) {
	own := []string{"secretsweep"}
	gen := func(file, key, v string) finding.Finding {
		return finding.Finding{RuleID: "generic-secret-code", Tags: own, File: file, Match: key + v, Secret: v}
	}
	for _, tc := range []struct {
		name string
		fs   []finding.Finding
		want []finding.Confidence
	}{
		{"throwaway user in a spec", []finding.Finding{gen("test/e2e/register.spec.ts", "password: '", "slurpy42")},
			[]finding.Confidence{finding.ConfidenceLow}},
		{"seeded account in a spec and in the seeds", []finding.Finding{
			gen("test/e2e/login.spec.ts", "password: '", "seeded42x"), gen("db/seeds.rb", `password: "`, "seeded42x")},
			[]finding.Confidence{finding.ConfidenceMedium, finding.ConfidenceMedium}},
		{"also in the API guide's example", []finding.Finding{
			gen("test_api.py", `"password": "`, "slurpy42"), gen("README.md", `"password": "`, "slurpy42")},
			[]finding.Confidence{finding.ConfidenceLow, finding.ConfidenceMedium}},
		{"only in another test", []finding.Finding{
			gen("test/a.spec.ts", "password: '", "slurpy42"), gen("test/b.spec.ts", "password: '", "slurpy42")},
			[]finding.Confidence{finding.ConfidenceLow, finding.ConfidenceLow}},
		{"fixture data is not test code", []finding.Finding{gen("test/fixtures/users.json", `"password": "`, "slurpy42")},
			[]finding.Confidence{finding.ConfidenceMedium}},
		{"strong value in a test", []finding.Finding{gen("src/db_test.go", `password := "`, "Kx7mQ2vLp9abQz")},
			[]finding.Confidence{finding.ConfidenceMedium}},
		{"default rule keeps the floor", []finding.Finding{{RuleID: "generic-api-key", File: "test/api.test.ts", Match: "secret: '", Secret: "slurpy42"}},
			[]finding.Confidence{finding.ConfidenceMedium}},
		// Words, digits and a symbol look strong and are what people
		// compose: a test's user with one is a throwaway too.
		{"composed password in a test", []finding.Finding{gen("tests/integration/test_auth.py", `'password': '`, "ZorkPassword123!")},
			[]finding.Confidence{finding.ConfidenceLow}},
		{"doctest example", []finding.Finding{func() finding.Finding {
			f := gen("utils/security.py", `hash_password("`, "Zork-x7Q2-pLm9")
			f.Line = `        >>> hashed = hash_password("Zork-x7Q2-pLm9")`
			return f
		}()}, []finding.Confidence{finding.ConfidenceLow}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			Scorer{Default: gitleaksDefaults}.Apply(tc.fs)
			for i, f := range tc.fs {
				if f.Confidence != tc.want[i] {
					t.Errorf("%s: %s (%d), want %s", f.File, f.Confidence, f.ConfidenceScore, tc.want[i])
				}
			}
		})
	}
	f := gen("test/e2e/register.spec.ts", "password: '", "slurpy42")
	if got, _ := (Scorer{}).Score(&f); got != finding.ConfidenceMedium {
		t.Errorf("Score alone = %s, want medium", got)
	}
}
