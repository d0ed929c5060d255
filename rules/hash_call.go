package rules

import "github.com/zricethezav/gitleaks/v8/config"

// hashCall finds a password in clear passed to the function that hashes
// it, as seed scripts and fixtures create their accounts:
// hash_password('…'), generate_password_hash('…') and make_password('…')
// (Flask, Django), user.set_password('…'), bcrypt.hash('…', 10) and
// bcrypt.hashSync, argon2.hash, Laravel's Hash::make('…') and bcrypt('…'),
// PHP password_hash('…', …), Spring's passwordEncoder.encode("…"),
// BCrypt.hashpw("…", …), Ruby's BCrypt::Password.create('…'), .NET
// HashPassword(user, "…"). The argument is the account's password however
// weak; the scorer ranks a test's throwaway user low. Only a string
// literal is reported; stock placeholders ('password', 'secret') are not.
func hashCall() Rule {
	return build(spec{
		id:          "password-hash-call",
		description: "Password in clear passed to a password-hashing call",
		regex: `(?i)(?:\b(?:hash_?password|generate_password_hash|make_password|set_password|password_hash|hashpw|hashSync|Hash::make|bcrypt|Password\.create)` +
			`|\b(?:bcrypt|bcryptjs|argon2|pwd_context|password_context)\.hash|\b\w*password_?encoder(?:\(\))?\.encode)` +
			`\([ \t]*(?:\w+[ \t]*,[ \t]*)?(?:b?"([^"\r\n]{4,})"|b?'([^'\r\n]{4,})')[ \t]*[,)]`,
		keywords: []string{"hash_password(", "hashpassword(", "generate_password_hash(", "make_password(", "set_password(", "password_hash(",
			"hashpw(", "hashsync(", "hash::make(", "bcrypt(", "password.create(", ".hash(", "encoder.encode(", "encoder().encode("},
		tags:   []string{"code", "password"},
		weakOK: true,
		allow: []*config.Allowlist{passwordPlaceholders(),
			{Description: "templated values", Regexes: compileAll([]string{`%[-+ #0]*\d*[sdvqr]|\$\{|\{\{|#\{`, `(?i)^secret$`, `\s|://`})}},
		check: func(_, secret string) bool { return !emailAddress.MatchString(secret) },
		tps: []string{
			"            password_hash=hash_password('Zork123!'),\n",
			"    user.set_password('kiwi4711')\n",
			"  const hash = await bcrypt.hash('plumtree42', 10);\n",
			"    'password' => Hash::make('zork-4711'),\n",
			"    'password' => bcrypt('Sommer19'),\n",
			"        user.setPassword(passwordEncoder.encode(\"zorkAdmin1\"));\n",
			"admin = User(username='admin', password=generate_password_hash('kiwi-4711'))\n",
			"hashed = bcrypt.hashpw(b'zork4711', bcrypt.gensalt())\n",
			"  encrypted_password: BCrypt::Password.create('zork4711'),\n",
			"    user.PasswordHash = hasher.HashPassword(user, \"Zork!4711\");\n",
			"    admin.setPassword(new BCryptPasswordEncoder().encode(\"zork4711\"));\n",
		},
		fps: []string{
			"  const hash = await bcrypt.hash(req.body.password, 10);\n",
			"    'password' => Hash::make('password'),\n",
			"    'password' => bcrypt('secret'),\n",
			"    user.set_password(form.cleaned_data['password'])\n",
			"hashed = bcrypt.hashpw(password.encode('utf-8'), bcrypt.gensalt())\n",
			"digest = hashlib.sha256('zork4711'.encode()).hexdigest()\n",
			"const url = encoder.encode(\"zork4711\")\n",
			"const digest = hasher.hash(\"zork-chunk-4711\")\n",
			"const url = passwordEncoder.encode(\"https://zork.invalid/a\")\n",
		},
	})
}
