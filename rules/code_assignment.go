package rules

import "github.com/zricethezav/gitleaks/v8/config"

// codeAssignment finds quoted literals assigned to secret-named variables,
// keys and arguments: Jenkinsfile environment blocks, Terraform provider
// blocks and .tfvars, Python (Django DATABASES), PHP config arrays,
// JavaScript/TypeScript object literals, Ruby, Java and JSON. Under a
// password-named key (or its confirmation) a weak value is reported too,
// unless it is a bare word that reads as a label (assign_check.go:
// codeCheck).
func codeAssignment() Rule {
	return codeLiteral(spec{
		id:          "generic-secret-code",
		description: "Quoted literal secret assigned to a secret-named variable or key (Jenkinsfile, Terraform, Python, PHP, JSON, ...)",
		// One secretKey, then the forms that may follow it: the closing quote
		// of a quoted key (and the bracket of an index: $cfg[ 'db_pass' ] =),
		// an assignment operator, or a JavaScript/TypeScript object-literal
		// colon with a trailing comma or brace (YAML has none; a value ending
		// the line is generic-secret-code-object's, in source files only).
		regex: `(?i)\b` + assignKey + confirmSuffix + `(?:["'][ \t]*\]?[ \t]*(?::|=>|=)[ \t]*(?:` + assignQuoted + `)` +
			`|(?:[ \t]*(?::=|=>|\?=|\|\|=)[ \t]*|[ \t]+=[ \t]*|=[ \t]+)(?:\[\]byte\()?(?:` + assignQuoted + `|\x60([^\x60\r\n$]{6,})\x60)` + // or a JS template literal, a Go raw string
			`|:[ \t]*(?:` + assignQuoted + `|\x60([^\x60\r\n$]{6,})\x60)[ \t]*[,}]` +
			// A typed declaration: POSTGRES_PASSWORD: str = "…" (pydantic settings),
			// private password: string = "…" (TypeScript).
			`|[ \t]*:[ \t]*[A-Za-z_][\w.\[\]|?<>, ]{0,40}?[ \t]*=[ \t]*(?:` + assignQuoted + `))`,
		tps: []string{
			"class Settings(BaseSettings):\n    POSTGRES_PASSWORD: str = \"zorkpg4711\"\n",
			"    SECRET_KEY: Optional[str] = \"Kx7mQ2vLp9abQz3wRt8y\"\n",
			"  private password: string = 'zork4711';\n",
			"environment {\n    DEPLOY_PASSWORD = 'Xq7!Lm2vRz9k'\n}\n",
			"provider \"postgresql\" {\n  password = \"Pv8#qL2mXz7r\"\n}\n",
			"db_password = \"kT9!xQ2mLv7z\"\n",
			"const REFRESH_TOKEN = \x601//04zorkUh_nhwrQlCgYIARAAGAQSNwF-L9Ir1xtrJRLbYDI5fMUtagt9sv\x60;\n",
			// passport-jwt's option: the literal signs the tokens.
			"  const opts = {\n    jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),\n    secretOrKey: \"zork-its-a-secret\",\n  };\n",
			// CodeIgniter's encryption key signs like a SECRET_KEY, short or not.
			"$config['encryption_key'] = 'Z0rkw1Z';\n",
			// The misspelling of WeChat SDK samples.
			"\tpublic final static String APP_SECRECT = \"0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c\";\n",
			"        'PASSWORD': 'Zq2!vLm8Xr7k',\n",
			"    'password' => 'M9x!qL2vZr7p',\n",
			"{\"client_secret\": \"4fG8hJ2kL9mN3pQ7rS1tV5wX\"}\n",
			"$smtp_pass = \"Rv7!kQ2mLx9z\";\n",
			"    connection: { user: 'orders_app', password: 'Xb4#kM9vQt2w', database: 'orders' },\n",
			// Weak passwords under password-named keys.
			"db_password = \"pass123\"\n",
			// A signing key is the key whatever the word.
			"app.config['SECRET_KEY_HMAC'] = 'secret'\n",
			"module.exports = {\n   jwt_secret: 'secret',\n}\n",
			"JWT_SECRET = 'zork'\n",
			// A service's shipped password, short as it is: Django DATABASES,
			// a Node mysql connection object.
			"const conn = mysql.createConnection({ host: 'localhost', user: 'root', password: 'root', database: 'shop' });\n",
			"DATABASES = {'default': {'USER': 'root', 'PASSWORD': 'root'}}\n",
			// Go's JWT keys: a byte slice of a literal.
			"var jwtKey = []byte(\"gopher-signing-2024\")\n",
			// A word as an app's signing key: sessions and tokens are forgeable.
			"app.config['SECRET_KEY'] = 'plumtree'\n",
			"app.secret_key = \"zebrafish\"\n",
			"        'PASSWORD': 'hunter22',\n",
			"    'password' => 'shop2019',\n",
			"{\"password\": \"s3cr3t!\"}\n",
			"  client.connect({ host: 'db', user: 'app', pw: 'app2019' });\n",
			"$dbpass = 'root123';\n",
			// "secret" alone, a stack's default password (Laravel-style docs).
			"        'password' => 'secret',\n",
			"$wgDBpassword = 'secret';\n",
			"{\"db\": {\"user\": \"shop\", \"password\": \"plumtree\"}}\n",
			// Indexed assignments (PHP config arrays), confirmation fields,
			// lower-case words under constants, camel-case phrases.
			"$_APP[ 'db_password' ] = 'z0rk!pw';\n",
			"$cfg['password']='zork4711';\n",
			"    password_confirmation: \"zorkzork\",\n",
			"  private static final String DEFAULT_PASSWORD = \"zorkgoat\";\n",
			"  public fakePassword = 'ZorkIsForCheckers'\n",
		},
		fps: []string{
			"    api_token: Optional[str] = None\n",
			"    password: str = Field(..., min_length=8)\n",
			"  password: string = '';\n",
			// Validation rules of a password field (Laravel).
			"            $rules['password'] = 'required|string|min:8|confirmed';\n",
			"app.config['SECRET_KEY'] = 'secret_key'\n",
			"SECRET_KEY = \"SecretKey\"\n",
			"aws_secret_key = \"changeme\"\n",
			// Short values that are no service's password, and blanks.
			"'PASSWORD': 'abcd',\n",
			"PASS=\"a # b\"\n",
			"password = \"${var.db_password}\"\n",
			"        'PASSWORD': os.environ['DB_PASSWORD'],\n",
			"    'password' => env('DB_PASSWORD'),\n",
			"const token = process.env.API_TOKEN\n",
			"  password: 'Xb4#kM9vQt2w'\n",
			"api_key = \"<your-api-key>\"\n",
			"password = \"dummy-password\"\n",
			"{\"client_secret\": \"\"}\n",
			"token_url = \"https://login.example.com/token\"\n",
			"{\"ClientRequestToken\":\"__ClientRequestToken__\"}\n",
			"DB_PASSWORD = credentials('db-password')\n",
			"label = { password: \"Password\", }\n",
			"{\"password\": \"changeme\"}\n",
			"$pass = \"hidden\";\n",
			"placeholder: \"Enter your password\",\n",
			"self.bypass = \"abc12345\"\n",
			"\"password_confirmation\": \"password\"\n",
			"  private static final String PASSWORD_LABEL = \"Password\";\n",
			"  private static final String RESET_PASSWORD = \"reset\";\n",
			"  passwordComponent = 'ChangePasswordComponent'\n",
			"if ($cfg['password'] == 'zork4711') {}\n",
			"api_token = \"abc12345\"\n",
			"    'password' => 'my-secret',\n",
			"    'client_secret' => 'secret',\n",
			// Rails: constant names ending in _KEY that name hash keys, a
			// route target, prose.
			"      RUBY2_KEYWORDS_KEY = \"_aj_ruby2_keywords\"\n",
			"    put  \"/disk/:encoded_token\" => \"active_storage/disk#update\", as: :update_rails_disk_service\n",
			"        { Serializers::OBJECT_SERIALIZER_KEY => \"ActiveJob::Serializers::SymbolSerializer\", \"value\" => argument.name }\n",
			"    invalid_token = \"Can't verify CSRF token authenticity.\"\n",
		},
	})
}

// codeLiteral builds a rule for quoted literals under secret-named keys in
// code: the assignment keywords, the "code" tag, weak values reported and
// judged by codeCheck, password placeholders dropped.
func codeLiteral(s spec) Rule {
	s.keywords, s.tags, s.weakOK, s.check = assignKeywords, []string{"code"}, true, codeCheck
	s.allow = []*config.Allowlist{passwordPlaceholders()}
	return build(s)
}
