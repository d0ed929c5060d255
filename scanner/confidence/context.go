package confidence

import (
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// Key names, from the match minus the secret.
type keyClass int

const (
	keyNeutral keyClass = iota // no key name (a URL, a bare token) or an unknown one
	keyStrong                  // password, secret, token, api_key, credential ...
	keyWeak                    // only a bare "key" or "auth"
)

var keyPoints = map[keyClass]int{keyNeutral: 0, keyStrong: 10, keyWeak: -10}

var (
	strongKey = regexp.MustCompile(`(?i)pass(?:w(?:or)?d|phrase)?|pwd|secret|secrect|sercet|token|pepper|credential|bearer|basic|(?:redis|smtp|mail|ftp|proxy)[_.-]?auth|(?:api|access|private|signing|encryption|master|account|client)[_.-]?key`)
	weakKey   = regexp.MustCompile(`(?i)key|auth`)
)

// keyStrength classifies the key name of a match: the text before the
// secret (or the whole match with the secret removed when it is not found).
func keyStrength(match, secret string) keyClass {
	key := match
	if secret != "" {
		if i := strings.Index(match, secret); i >= 0 {
			key = match[:i]
		}
	}
	switch {
	case strongKey.MatchString(key):
		return keyStrong
	case weakKey.MatchString(key):
		return keyWeak
	}
	return keyNeutral
}

// File kinds.
type fileKind int

const (
	kindOther    fileKind = iota // unknown, commit messages, logs
	kindCode                     // source code
	kindConfig                   // dotenv, compose, YAML, TOML, INI, properties ...
	kindCredFile                 // files that exist to hold credentials
	kindDocs                     // .md, .rst, .txt
	kindLock                     // dependency lockfiles
	kindEnv                      // dotenv files: .env, .env.example, defaults.env, env.example
)

var kindPoints = map[fileKind]int{
	kindOther: 0, kindCode: 0, kindConfig: 5, kindCredFile: 10, kindDocs: 0, kindLock: -25, kindEnv: 5,
}

// credFileNames are base names of files that hold credentials.
var credFileNames = map[string]bool{
	".netrc": true, "_netrc": true, ".pgpass": true, ".npmrc": true, ".pypirc": true, ".git-credentials": true,
	".htpasswd": true, "credentials": true, ".dockercfg": true, "sftp-config.json": true, ".s3cfg": true,
	"master.key": true, "kubeconfig": true, ".my.cnf": true, "recentservers.xml": true, "sitemanager.xml": true,
	"filezilla.xml": true, "webservers.xml": true, "credentials-config.json": true, ".remote-sync.json": true,
}

var lockNames = map[string]bool{
	"package-lock.json": true, "npm-shrinkwrap.json": true, "yarn.lock": true, "pnpm-lock.yaml": true,
	"gemfile.lock": true, "cargo.lock": true, "poetry.lock": true, "composer.lock": true, "pipfile.lock": true,
	"go.sum": true, "packages.lock.json": true, "mix.lock": true, "podfile.lock": true, "uv.lock": true,
}

var (
	configExts = map[string]bool{
		".env": true, ".yml": true, ".yaml": true, ".toml": true, ".ini": true, ".cfg": true, ".conf": true,
		".config": true, ".properties": true, ".json": true, ".xml": true, ".tfvars": true, ".hcl": true, ".cnf": true,
		".gradle": true, // a build script runs as written: its signing and repository passwords are what the build uses
	}
	docExts  = map[string]bool{".md": true, ".markdown": true, ".rst": true, ".txt": true, ".adoc": true, ".asciidoc": true}
	codeExts = map[string]bool{
		".go": true, ".py": true, ".rb": true, ".js": true, ".mjs": true, ".cjs": true, ".ts": true, ".tsx": true,
		".jsx": true, ".java": true, ".kt": true, ".scala": true, ".cs": true, ".php": true, ".rs": true, ".c": true,
		".h": true, ".cc": true, ".cpp": true, ".swift": true, ".m": true, ".sh": true, ".bash": true, ".ps1": true,
		".pl": true, ".lua": true, ".ex": true, ".exs": true, ".erl": true, ".dart": true, ".groovy": true, ".r": true,
		".vue": true, ".svelte": true, ".ipynb": true, ".sql": true,
	}
)

// envFile matches the base names of dotenv files (.env, .env.local,
// defaults.env, env.example), not code named env.js.
var envFile = regexp.MustCompile(`^(?:\.env(?:\.[\w-]+)*|[\w.-]+\.env|env\.(?:example|sample|dist|template|tmpl|local|dev|development|prod|production|staging|test|testing|defaults?))$`)

// envOverrules reports whether file is a dotenv file, where a snake_case
// name under a secret key is what the stack runs with
// (REDIS_PASSWORD=secret_redis), not an identifier.
func envOverrules(file string) bool { return kindOf(file) == kindEnv }

// kindOf classifies a path by its name: credential files, dotenv and config
// files (compose files are YAML), docs, lockfiles, source code.
func kindOf(p string) fileKind {
	base := strings.ToLower(path.Base(strings.ReplaceAll(p, `\`, "/")))
	ext := path.Ext(base)
	switch {
	case credFileNames[base]:
		return kindCredFile
	case lockNames[base] || ext == ".lock":
		return kindLock
	case envFile.MatchString(base):
		return kindEnv
	case configExts[ext]:
		return kindConfig
	case docExts[ext]:
		return kindDocs
	case codeExts[ext]:
		return kindCode
	}
	return kindOther
}

// testDirs are directory names that hold tests, fixtures and examples.
var testDirs = map[string]bool{
	"test": true, "tests": true, "spec": true, "specs": true, "__tests__": true, "fixtures": true, "fixture": true,
	"testdata": true, "test-data": true, "test_data": true, "examples": true, "example": true, "samples": true,
	"sample": true, "mocks": true, "__mocks__": true, "mock": true, "testing": true, "e2e": true, "demo": true,
}

// testFile matches names of test files: _test.go, .test.js, .spec.ts,
// test_x.py, x_test.py, x_spec.rb, FooTest.java, FooTests.cs, and any name
// with "mock" or "sample" in it.
var testFile = regexp.MustCompile(`(?i)_test\.\w+$|\.(?:test|spec)\.\w+$|^test_.*\.py$|_spec\.rb$|[a-z0-9](?-i:Tests?)\.(?:java|kt|cs|scala|groovy|php|swift)$|mock|sample`)

// isTestPath reports paths of tests, fixtures, examples, mocks and samples.
func isTestPath(p string) bool {
	parts := strings.Split(strings.ReplaceAll(p, `\`, "/"), "/")
	for _, d := range parts[:len(parts)-1] {
		d = strings.ToLower(d)
		if testDirs[d] || strings.Contains(d, "mock") || strings.Contains(d, "sample") {
			return true
		}
	}
	return testFile.MatchString(parts[len(parts)-1])
}

// seedPath matches the files that seed an app's accounts: Laravel's
// database/seeders, Rails' db/seeds.rb, Knex and Sequelize seed
// directories, seed.py, seeder.js. A password there is what a seeded
// account logs in with.
var seedPath = regexp.MustCompile(`(?i)(?:^|/)(?:seeds?|seeders?|seeding)/|(?:^|/)[\w.-]*seed(?:er|ers|s|ing)?\.[a-z]+$`)

// isSeedPath reports files that seed accounts, outside tests.
func isSeedPath(p string) bool {
	p = strings.ReplaceAll(p, `\`, "/")
	return seedPath.MatchString(p) && !isTestPath(p)
}

// replPrompt matches a line of an interactive session shown as an
// example: a Python doctest or REPL line (>>> hash_password("…")), also
// inside a comment.
var replPrompt = regexp.MustCompile(`^[ \t]*(?:(?:#|//|\*)[ \t]*)?>>>[ \t]`)

// replExample reports a line that shows what to type at a prompt: an
// example's value, like a test's throwaway user, scores low.
func replExample(line string) bool { return replPrompt.MatchString(line) }

// codeComment matches a line that is a comment in code: #, //, /*, * or --.
var codeComment = regexp.MustCompile(`^[ \t]*(?:#|//|/?\*|--)`)

// commentLine reports a comment line: in code, where a library documents
// its API, a weak value there is an example.
func commentLine(line string) bool { return codeComment.MatchString(line) }

// deviseTemplate reports a commented-out line of Devise's generated
// initializer (config/initializers/devise.rb): the generator writes a
// random secret_key and pepper there, commented, in every Rails app that
// installs it, and Devise signs with secret_key_base unless one is set.
func deviseTemplate(f *finding.Finding) bool {
	return strings.HasSuffix(strings.ReplaceAll(f.File, `\`, "/"), "config/initializers/devise.rb") && commentLine(f.Line)
}

// shellScript reports shell scripts by extension (install.sh, env.bash):
// their VAR=value lines set what the commands after them run with.
func shellScript(file string) bool {
	switch strings.ToLower(path.Ext(file)) {
	case ".sh", ".bash", ".zsh", ".ksh":
		return true
	}
	return false
}

// devLog matches a development or test server's log (log/development.log,
// logs/test.log): the request parameters it records are what a developer
// typed into the local app, sign-ups of throwaway accounts.
var devLog = regexp.MustCompile(`(?i)(?:^|/)(?:development|dev|test|local)\.log$`)

// localRequestLog reports a weak value recorded in such a log.
func localRequestLog(file string, st strength) bool {
	return st != strong && devLog.MatchString(strings.ReplaceAll(file, `\`, "/"))
}

// libraryScript matches a bundled front-end library's script: minified or
// bundled JavaScript (a Vite or Rollup build's assets/index-[hash].js),
// and scripts under a dependency or plugin directory
// or a well-known editor or UI library's own (static/js/plugins/codemirror,
// public/vendor/file-manager, tinymce.min.js), and any source file a
// project vendors (Go's and Composer's vendor/, site-packages: the
// library's own fixtures and constants; all 37 such labelled lines in the
// real-code corpus were false). Their secret-named
// assignments are the library's own code (a highlighter's token types,
// a webpack chunk named by its content hash in a committed virtualenv,
// this.setPrivateKey = setPrivateKey); the real-code corpus labels every one
// false. Files are still scanned and provider tokens keep their level.
var libraryScript = regexp.MustCompile(`(?i)(?:[.-](?:min|bundle|umd|esm\.min)\.m?js$|[.-][0-9a-f]{16,}\.m?js$|(?:^|/)assets/[\w.]+-[A-Za-z0-9_-]{8}\.m?js$|(?:^|/)(?:vendors?|plugins|bower_components|node_modules|site-packages|dist-packages|\.?venv|third[_-]?party|codemirror|tinymce|ckeditor\d?|jquery[\w.-]*|bootstrap[\w.-]*|ace-builds|monaco-editor|select2|datatables|pdfjs[\w.-]*)/(?:[^/]+/)*[^/]+\.m?js$)`)

// libraryDocs matches the documentation a package manager installs with a
// dependency (node_modules/mysql/Readme.md): the library's examples of
// how to call it, not the project's settings.
var libraryDocs = regexp.MustCompile(`(?i)(?:^|/)(?:node_modules|bower_components|site-packages|dist-packages)/(?:[^/]+/)*[^/]+\.(?:md|markdown|rst|txt)$`)

// inLibraryScript reports a generic finding in a library's script or in
// the documentation of an installed dependency.
func inLibraryScript(file string) bool {
	file = strings.ReplaceAll(file, `\`, "/")
	return libraryScript.MatchString(file) || libraryDocs.MatchString(file) || tomcatWebapps.MatchString(file) ||
		(vendoredSource.MatchString(file) && !configName.MatchString(path.Base(file)))
}

// tomcatWebapps matches the web applications an Apache Tomcat distribution
// ships (its documentation, examples, manager and host-manager), committed
// with the server: their users and datasources are Tomcat's examples
// (tomcat/s3cret, javauser/javadude), the same in every copy.
var tomcatWebapps = regexp.MustCompile(`(?i)(?:^|/)webapps/(?:docs|examples|manager|host-manager)/`)

// vendoredSource matches a source file a project vendors: Go's and
// Composer's vendor/, site-packages, third_party.
var vendoredSource = regexp.MustCompile(`(?i)(?:^|/)(?:vendor|node_modules|site-packages|dist-packages|third[_-]?party)/(?:[^/]+/)+[^/]+\.(?:go|php|py|rb|java|cs|ts)$`)

// configName matches file names that configure something: a vendored
// directory may hold the project's own settings.
var configName = regexp.MustCompile(`(?i)config|setting|secret|credential|env|\.local\.`)

// exampleHost matches a URL to a host reserved for documentation (RFC
// 2606: example.com/.net/.org, .example, .invalid, .test). An e-mail
// address at example.com is no such URL: an installer's --admin-email
// beside the stack's real password.
var exampleHost = regexp.MustCompile(`(?i)://(?:[^/\s@]*@)?(?:[\w-]+\.)*(?:example\.(?:com|net|org)|[\w-]+\.(?:example|invalid|test))(?:[:/\s'"]|$)`)

// exampleCommand reports a line that addresses a host reserved for
// documentation: the weak password it passes (--password admin) is the
// example's, not a service's.
func exampleCommand(line string, st strength) bool {
	return st != strong && exampleHost.MatchString(line)
}

// exampleURL reports a connection finding whose own URL addresses a host
// reserved for documentation (mysql://admin:…@db.example.com/my_prod_db
// in a framework's commented config template): an example however strong
// its password looks.
func exampleURL(f *finding.Finding) bool {
	return slices.Contains(f.Tags, "connection") && exampleHost.MatchString(f.Match)
}
