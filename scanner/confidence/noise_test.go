package confidence

import (
	"encoding/base64"
	"testing"

	"github.com/secretsweep/secretsweep/internal/finding"
)

func TestIsProse(t *testing.T) {
	for _, tc := range []struct {
		v    string
		want bool
	}{
		{"Please provide a password.", true},
		{"¿Ha olvidado su contraseña?", true},
		{"Aktualne hasło", true}, // letters outside ASCII
		{"Contraseña", true},
		{"Database password: <em>", true},
		{"Updated.", true},
		{"Invalid token, try again", true},
		{"keyboard cat", false}, // two plain words: an express-session secret
		{"Mr. N00dles", false},
		{"Sup3r.Secret!", false},
		{"railsgoat!", false},
		{"p@ssw0rd", false},
		{"12345678", false},
	} {
		if got := isProse(tc.v); got != tc.want {
			t.Errorf("isProse(%q) = %v, want %v", tc.v, got, tc.want)
		}
	}
}

func TestIsUIKeyAndI18nPath(t *testing.T) {
	for _, tc := range []struct {
		key  string
		want bool
	}{
		{`"LABEL_CURRENT_PASSWORD": "`, true},
		{`"MANDATORY_PASSWORD": "`, true},
		{`invalid_username_password=`, true},
		{`passwordHint: '`, true},
		{`"password": "`, false},
		{`DB_PASSWORD=`, false},
		{`MYSQL_ROOT_PASSWORD: `, false},
		{`password_confirmation: "`, false},
	} {
		if got := isUIKey(tc.key); got != tc.want {
			t.Errorf("isUIKey(%q) = %v, want %v", tc.key, got, tc.want)
		}
	}
	for _, tc := range []struct {
		path string
		want bool
	}{
		{"frontend/src/assets/i18n/de_DE.json", true},
		{"config/locales/fr.yml", true},
		{"src/main/resources/i18n/messages_nl.properties", true},
		{"src/main/resources/messages_es.properties", true},
		{"app/src/main/res/values/strings.xml", true},
		{"config/application.properties", false},
		{"db/seeds.rb", false},
		{"lang.go", false},
		{"language/fi_FI/users.fi_FI.ini", true},
		{"administrator/en-GB.com_users.ini", true},
		{"config/app.ini", false},
		{"deploy/us-east-1.env", false},
	} {
		if got := isI18nPath(tc.path); got != tc.want {
			t.Errorf("isI18nPath(%q) = %v, want %v", tc.path, got, tc.want)
		}
	}
}

func TestIsExpression(t *testing.T) {
	for _, tc := range []struct {
		v    string
		want bool
	}{
		{"security.authorize({", true},
		{`getenv("DB_PASSWORD")`, true},
		{`" + Encoder.Encode(password) + "`, true},
		{`" . $pass_new . "`, true},
		{"this.password", true},
		{"@configuration[", true},
		{"id=mysecret,env=SECRET_VALUE", true},
		{"process.env.API_TOKEN", true},
		{"'; exec('fake-payload'); //", true},
		{"') ; drop table fake_users; --", true},
		{"' OR 1=1 --", true},
		{"'Sommer19;", false},
		{"yourStrong(!)Password", false},
		{"Zr3Tk6&Mv8Nq(Hc2Jd5(F", false}, // a random salt with brackets
		{"Mr. N00dles", false},
		{"p@ssw0rd", false},
	} {
		if got := isExpression(tc.v); got != tc.want {
			t.Errorf("isExpression(%q) = %v, want %v", tc.v, got, tc.want)
		}
	}
}

func TestIsIdentifier(t *testing.T) {
	for _, tc := range []struct {
		v    string
		want bool
	}{
		{"forgot_password", true},
		{"password_resets#forgot_password", true},
		{"ActiveJob::Serializers::SymbolSerializer", true},
		{"currentPassword", true},
		{"STAGING-TOKEN-42", true},
		{"Admin_123", false},
		{"staging_password123", false},
		{"mysecretpassword", false},
		{"whalehello", false},
		{"sk-laradock", false},
		{"admin321", false},
		{"slurmCl4ssic", false},
	} {
		if got := isIdentifier(tc.v); got != tc.want {
			t.Errorf("isIdentifier(%q) = %v, want %v", tc.v, got, tc.want)
		}
	}
}

func TestEchoesKeyAndPublicName(t *testing.T) {
	for _, tc := range []struct {
		key, v string
		want   bool
	}{
		{"this.password = ", "password", true},
		{`"apiKey": "`, "api_key", true},
		{"SECRET_VALUE=", "secret_value", true},
		{"DB_PASSWORD=", "dbpass1", false},
		{"password: ", "admin321", false},
		{"client_secret: ", "secret", true},
	} {
		if got := echoesKey(tc.key, tc.v); got != tc.want {
			t.Errorf("echoesKey(%q, %q) = %v, want %v", tc.key, tc.v, got, tc.want)
		}
	}
	for _, tc := range []struct {
		key  string
		want bool
	}{
		{`Version=4.0.0.0, Culture=neutral, PublicKeyToken=`, true},
		{` publicKeyToken="`, true},
		{"public_key: ", true},
		{"private_key: ", false},
		{"PASSWORD=", false},
	} {
		if got := isPublicName(tc.key); got != tc.want {
			t.Errorf("isPublicName(%q) = %v, want %v", tc.key, got, tc.want)
		}
	}
}

func TestPlaceholderFillerWords(t *testing.T) {
	for _, tc := range []struct {
		v    string
		want bool
	}{
		{"my-secret-token", true},
		{"YOUR_API_KEY", true},
		{"yourStrong(!)Password", true},
		{"replacethiswithyourownsecret!", true},
		{"password", true},
		{"staging_password123", false},
		{"Sup3r.Secret!", false},
		{"mysecretpassword", false},
		{"pass123", false},
		// A word with a symbol someone added to it is a weak password,
		// not a placeholder; with digits only, in code and docs, an
		// example (42password).
		{"Password1!", false},
		{"password123", true},
		{"PASSWORD", true},
		{"secret-key", true},
		// The same words in other languages.
		{"rahasia", true},
		{"senha", true},
		{"Contraseña", true},
		{"rahasia!2x", false},
	} {
		if got := isPlaceholder(tc.v); got != tc.want {
			t.Errorf("isPlaceholder(%q) = %v, want %v", tc.v, got, tc.want)
		}
	}
}

// TestPlaceholderDigitsWhereSet: digits added to filler words make a
// password in credential, config and env files (passwd1 in a seed, the
// password123 a compose file runs with), not in code and docs.
func TestPlaceholderDigitsWhereSet(t *testing.T) {
	for _, tc := range []struct {
		v            string
		digitsChosen bool
		want         bool
	}{
		{"password123", true, false},
		{"passwd1", true, false},
		{"password123", false, true},
		{"42password", false, true},
		{"Password1!", false, false},
		{"my-secret-token", true, true},
		{"YOUR_API_KEY", true, true},
	} {
		if got := isPlaceholderAt(tc.v, tc.digitsChosen); got != tc.want {
			t.Errorf("isPlaceholderAt(%q, %v) = %v, want %v", tc.v, tc.digitsChosen, got, tc.want)
		}
	}
}

// TestScoreNoise: the noise signals make a generic finding low; real weak
// passwords under secret-named keys stay medium or above in every file kind.
func TestScoreNoise(t *testing.T) {
	own := []string{"secretsweep"}
	gen := func(rule, file, key, v string) finding.Finding {
		return finding.Finding{RuleID: rule, Tags: own, File: file, Match: key + v, Secret: v}
	}
	for _, tc := range []struct {
		name string
		f    finding.Finding
		want finding.Confidence
	}{
		{"i18n UI string", gen("generic-secret-code", "frontend/src/assets/i18n/en.json", `"MANDATORY_PASSWORD": "`, "Please provide a password."), finding.ConfidenceLow},
		{"translated label", gen("generic-secret-code", "src/app/strings.ts", `"LABEL_NEW_PASSWORD": "`, "Neues Passwort"), finding.ConfidenceLow},
		{"PublicKeyToken", gen("generic-secret-env", "Web.config", `System.Web, Version=4.0.0.0, PublicKeyToken=`, "b03f5f7f11d50a3a"), finding.ConfidenceLow},
		{"reference", gen("cli-secret-flag", "README.sh", "--secret ", "id=mysecret,env=SECRET_VALUE"), finding.ConfidenceLow},
		{"call", gen("generic-secret-yaml", "src/routes.ts", "tmpToken: ", "security.authorize({"), finding.ConfidenceLow},
		{"member", gen("generic-secret-ini", "src/User.java", "this.password = ", "this.password"), finding.ConfidenceLow},
		{"route target", gen("generic-secret-code", "config/routes.rb", `get "forgot_password" => "`, "password_resets#forgot_password"), finding.ConfidenceLow},
		{"value is the key", gen("generic-secret-env", ".env", "SECRET_VALUE=", "secret_value"), finding.ConfidenceLow},
		{"filler", gen("generic-secret-env", ".env", "SLACK_TEAM=", "T123456789"), finding.ConfidenceLow},
		{"unsigned JWT", gen("generic-secret-code", "app.js", `token = "`, base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none"}`))+".e30."), finding.ConfidenceLow},
		{"weak in .env", gen("generic-secret-env", ".env", "SQL_PASSWORD=", "mysecretpassword"), finding.ConfidenceMedium},
		// In a dotenv file a lone "secret" or a snake_case name under a secret key is the stack's default.
		{"secret in defaults.env", gen("generic-secret-envfile", "mysql/defaults.env", "MYSQL_PASSWORD=", "secret"), finding.ConfidenceMedium},
		{"snake name in .env.example", gen("generic-secret-envfile", ".env.example", "REDIS_PASSWORD=", "stack_redis"), finding.ConfidenceMedium},
		{"word key in .env", gen("generic-secret-envfile", ".env", "SEARCH_KEY=", "masterkey"), finding.ConfidenceMedium},
		{"secret in a database URL", gen("url-embedded-password", "docs/setup.md", "DATABASE_URL=mysql://app:", "secret"), finding.ConfidenceMedium},
		{"snake name in code", gen("generic-secret-code", "app/config.rb", `password: "`, "stack_redis"), finding.ConfidenceLow},
		{"filler in .env", gen("generic-secret-envfile", ".env", "API_TOKEN=", "my-secret-token"), finding.ConfidenceLow},
		{"value is the key in .env", gen("generic-secret-envfile", ".env", "DB_PASSWORD=", "db_password"), finding.ConfidenceLow},
		{"key typed as one word in a live .env", finding.Finding{RuleID: "generic-secret-live-password", Tags: []string{"secretsweep", "env", "live", "confidence:medium"}, File: ".env", Match: "MYSQL_ROOT_PASSWORD=rootpassword", Secret: "rootpassword"}, finding.ConfidenceMedium},
		{"key typed as one word elsewhere", gen("generic-secret-env", "deploy.sh", "MYSQL_ROOT_PASSWORD=", "rootpassword"), finding.ConfidenceLow},
		{"weak in compose", gen("generic-secret-yaml", "docker-compose.yml", "MYSQL_ROOT_PASSWORD: ", "admin321"), finding.ConfidenceMedium},
		// Digits alone: the password a config or .env sets, filler elsewhere.
		{"digits in properties", gen("generic-secret-env", "src/main/resources/application.properties", "spring.datasource.password=", "123456"), finding.ConfidenceMedium},
		{"digits in compose", gen("generic-secret-yaml", "docker-compose.yml", "MYSQL_ROOT_PASSWORD: ", "4711"), finding.ConfidenceMedium},
		{"digits in .env", gen("generic-secret-envfile", ".env", "DB_PASSWORD=", "12345678"), finding.ConfidenceMedium},
		{"zeros in .env", gen("generic-secret-envfile", ".env", "DB_PASSWORD=", "0000"), finding.ConfidenceLow},
		{"digits in a test fixture", gen("generic-secret-code", "test/fixtures/users/new.json", `"password": "`, "123456"), finding.ConfidenceLow},
		// The password an app's own code connects with (the real-code corpus
		// labels digit passwords in code true).
		{"digits in code", gen("generic-secret-code", "src/db.php", `$db_pass = "`, "123456"), finding.ConfidenceMedium},
		{"digits in a DSN in code", finding.Finding{RuleID: "mysql-dsn-password", Tags: []string{"secretsweep", "connection"}, File: "db/db.go", Match: `"root:123456@tcp(`, Secret: "123456"}, finding.ConfidenceMedium},
		// A service's shipped password: what a compose service runs with, but
		// only a CI job's throwaway container or a generator's template.
		{"shipped default in compose", gen("generic-secret-yaml", "docker-compose.yml", "MYSQL_ROOT_PASSWORD: ", "root"), finding.ConfidenceMedium},
		{"shipped default in a CI service", gen("generic-secret-yaml", ".github/workflows/ci.yml", "POSTGRES_PASSWORD: ", "postgres"), finding.ConfidenceLow},
		{"shipped default in GitLab CI", gen("generic-secret-yaml", ".gitlab-ci.yml", "MYSQL_ROOT_PASSWORD: ", "root"), finding.ConfidenceLow},
		{"shipped default in a test", gen("generic-secret-code", "spec/db_spec.rb", `"POSTGRES_PASSWORD" => "`, "postgres"), finding.ConfidenceLow},
		{"shipped default in a generator", gen("generic-secret-code", "lib/generators/database.rb", `"POSTGRES_PASSWORD" => "`, "postgres"), finding.ConfidenceLow},
		{"shipped default in an example", gen("generic-secret-yaml", "examples/django/compose.yaml", "POSTGRES_PASSWORD: ", "postgres"), finding.ConfidenceMedium},
		{"shipped default in Django settings", gen("generic-secret-code", "shop/settings.py", `'PASSWORD': '`, "root"), finding.ConfidenceMedium},
		{"shipped default in a template", gen("generic-secret-yaml", "templates/config/database.yml.tt", "password: ", "postgres"), finding.ConfidenceLow},
		{"chosen password in a CI service", gen("generic-secret-yaml", ".github/workflows/ci.yml", "POSTGRES_PASSWORD: ", "Qz7!mK2pLx9v"), finding.ConfidenceMedium},
		{"weak in config", gen("generic-secret-code", "config/config.json", `"password": "`, "p@ssw0rd"), finding.ConfidenceMedium},
		{"weak in SQL", gen("generic-secret-code", "db/init.sql", "IDENTIFIED BY '", "p@ssw0rd"), finding.ConfidenceMedium},
		{"weak in seeds", gen("generic-secret-code", "db/seeds.rb", `password: "`, "railsgoat!"), finding.ConfidenceMedium},
		{"weak in source", gen("generic-secret-code", "app/setup.js", `"password": "`, "Admin_123"), finding.ConfidenceMedium},
		{"weak two words", gen("generic-secret-code", "server.js", "secret: '", "keyboard cat"), finding.ConfidenceMedium},
		{"weak in a README", gen("mysql-cli-password", "README.md", "mysql -u app -p", "whalehello"), finding.ConfidenceMedium},
		{"weak in a test logging in", gen("generic-secret-code", "test/e2e/login.spec.ts", "password: '", "admin123"), finding.ConfidenceMedium},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, score := Scorer{Default: gitleaksDefaults}.Score(&tc.f)
			if tc.want == finding.ConfidenceLow && got != tc.want || !got.AtLeast(tc.want) {
				t.Errorf("Score = %s (%d), want %s (or above for a credential)", got, score, tc.want)
			}
		})
	}
}
