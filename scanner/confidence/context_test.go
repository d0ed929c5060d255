package confidence

import "testing"

func TestKeyStrength(t *testing.T) {
	for _, tc := range []struct {
		match, secret string
		want          keyClass
	}{
		{"DB_PASSWORD=pass123", "pass123", keyStrong},
		{`"client_secret": "Kx7mQ2vLp9ab"`, "Kx7mQ2vLp9ab", keyStrong},
		{"api_key: Kx7mQ2vLp9ab", "Kx7mQ2vLp9ab", keyStrong},
		{"GITHUB_TOKEN=Kx7mQ2vLp9ab", "Kx7mQ2vLp9ab", keyStrong},
		{"pwd = 'Kx7mQ2vLp9ab'", "Kx7mQ2vLp9ab", keyStrong},
		{"key = 'Kx7mQ2vLp9ab'", "Kx7mQ2vLp9ab", keyWeak},
		{"auth: Kx7mQ2vLp9ab", "Kx7mQ2vLp9ab", keyWeak},
		{"https://user:Kx7mQ2vLp9ab@db.example.invalid", "Kx7mQ2vLp9ab", keyNeutral},
		// The secret's own letters do not count as a key name.
		{"value=tokenKx7mQ2vLp9", "tokenKx7mQ2vLp9", keyNeutral},
	} {
		if got := keyStrength(tc.match, tc.secret); got != tc.want {
			t.Errorf("keyStrength(%q) = %d, want %d", tc.match, got, tc.want)
		}
	}
}

func TestKindOf(t *testing.T) {
	for _, tc := range []struct {
		path string
		want fileKind
	}{
		{".env", kindEnv},
		{"deploy/.env.production", kindEnv},
		{"mysql/defaults.env", kindEnv},
		{"env.example", kindEnv},
		{"src/env.js", kindCode},
		{"config/env.yml", kindConfig},
		{"docker-compose.yml", kindConfig},
		{"config/database.yaml", kindConfig},
		{"app.properties", kindConfig},
		{"settings.ini", kindConfig},
		{"home/.netrc", kindCredFile},
		{".git-credentials", kindCredFile},
		{"config/master.key", kindCredFile},
		{"README.md", kindDocs},
		{"docs/setup.rst", kindDocs},
		{"notes.txt", kindDocs},
		{"package-lock.json", kindLock},
		{"Gemfile.lock", kindLock},
		{"go.sum", kindLock},
		{"main.go", kindCode},
		{`src\app.py`, kindCode},
		{"(commit message)", kindOther},
		{"Makefile", kindOther},
	} {
		if got := kindOf(tc.path); got != tc.want {
			t.Errorf("kindOf(%q) = %d, want %d", tc.path, got, tc.want)
		}
	}
}

func TestIsTestPath(t *testing.T) {
	for _, tc := range []struct {
		path string
		want bool
	}{
		{"tests/fixtures/.env", true},
		{"test/config.yml", true},
		{"spec/models/user_spec.rb", true},
		{"pkg/testdata/x.json", true},
		{"examples/basic/main.go", true},
		{"src/__mocks__/api.js", true},
		{"internal/mockserver/server.go", true},
		{"config.sample.yml", true},
		{"db_test.go", true},
		{"src/app.test.js", true},
		{"src/app.spec.ts", true},
		{"test_settings.py", true},
		{"src/main/java/UserServiceTest.java", true},
		{`tests\win.env`, true},
		{".env", false},
		{"src/app.js", false},
		{"contest/entry.go", false},
		{"latest.java", false},
		{"attestation/config.yml", false},
		{"(commit message)", false},
	} {
		if got := isTestPath(tc.path); got != tc.want {
			t.Errorf("isTestPath(%q) = %v, want %v", tc.path, got, tc.want)
		}
	}
}

func TestIsSeedPath(t *testing.T) {
	for _, tc := range []struct {
		path string
		want bool
	}{
		{"database/seeders/ClientSeeder.php", true},
		{"database/seeds/UserTableSeeder.php", true},
		{"db/seeds.rb", true},
		{"app/database/seeds/01_auser.js", true},
		{"db/seed.py", true},
		{"backend/seeder.js", true},
		{"seeders/20220321083822-seed-user.js", true},
		{"tests/seeders/UserSeeder.php", false},
		{"app/models/user.rb", false},
		{"lib/seedling.go", false},
	} {
		if got := isSeedPath(tc.path); got != tc.want {
			t.Errorf("isSeedPath(%q) = %v, want %v", tc.path, got, tc.want)
		}
	}
}

func TestInLibraryScript(t *testing.T) {
	for _, tc := range []struct {
		file string
		want bool
	}{
		{"src/main/resources/static/js/plugins/codemirror/mode/rst/rst.js", true},
		{"static/tinymce/tinymce.min.js", true},
		{"public/vendor/file-manager/js/file-manager.js", true},
		{"static/bootstrap-5.0.0-beta2-dist/js/bootstrap.esm.min.js", true},
		{"web/node_modules/pkg/index.mjs", true},
		{"dist/app.bundle.js", true},
		{".venv/share/jupyter/lab/static/2880.8483d51b11998bfe8e4b.js", true},
		{"venv/lib/python3.11/site-packages/notebook/static/main.js", true},
		{"_next/static/chunks/pages/_app-0a1b2c3d4e5f6a7b.js", true},
		{"public/assets/index-XNF5zork.js", true},
		{"dist/assets/vendor-B_vLQuZI.js", true},
		{"src/assets/index.js", false},
		{"apache-tomcat-9.0.1/webapps/docs/realm-howto.html", true},
		{"webapps/manager/WEB-INF/jsp/401.jsp", true},
		{"webapps/ROOT/WEB-INF/web.xml", false},
		{"src/env/config.js", false},
		{"node_modules/mysql/Readme.md", true},
		{"docs/mysql/Readme.md", false},
		{"config/keys.js", false},
		{"src/plugins/auth.ts", false},
		{"vendor/acme/config.php", false},
		{"vendor/gopkg.in/masci/flickr.v2/testutils.go", true},
		{"vendor/laravel/framework/src/Illuminate/Hashing/BcryptHasher.php", true},
		{"src/vendor.go", false},
		{"src/server.js", false},
	} {
		if got := inLibraryScript(tc.file); got != tc.want {
			t.Errorf("inLibraryScript(%q) = %v, want %v", tc.file, got, tc.want)
		}
	}
}
