package rules

// userHashArg finds password hashes of users seeded in code: a hex digest
// (MD5, SHA-1, SHA-256, SHA-512) or a bcrypt hash passed to a user's
// constructor (new User(1, "ann", '…')). A hex value is a hash of a
// password only where something says so: here the object it builds is a
// user; the first argument (an id) does not count. A hex value under a
// checksum, sha, etag or integrity key is no credential, and no rule
// reports it for its shape. A leaked hash is a weaker credential than its
// password: medium confidence.
func userHashArg() Rule {
	return build(spec{
		id:          "user-password-hash-argument",
		description: "Password hash passed to a user's constructor",
		regex: `(?i)\bnew[ \t]+(?:[\w\\]+[.\\])?\w*user[ \t]*\((?:[^\n()]|\([^\n()]*\))*?,[ \t]*["']` +
			`([0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}|[0-9a-f]{128}|\$2[aby]?\$\d\d\$[./A-Za-z0-9]{53})["']`,
		keywords: []string{"user(", "user ("},
		tags:     []string{"hash", "confidence:medium"},
		tps: []string{
			"\t\t\t1 => new User (1, \"ann\", 0, 'f0e1d2c3b4a5968778695a4b3c2d1e0ff0e1d2c3b4a5968778695a4b3c2d1e0f'),\n",
			"users.add(new User(\"bob\", \"Bob\", \"0a1b2c3d4e5f60718293a4b5c6d7e8f9\", Role.ADMIN));\n",
			"const u = new models.User(id(), 'carl', \"$2b$10$Q7mN3kP9xR2vL8tB4wZ6yOe1cF5hJ0sU7aD3gK9nM2pQ4rT6vX8yW\");\n",
		},
		fps: []string{
			"new User('0a1b2c3d4e5f60718293a4b5c6d7e8f9', 'Ann');\n",
			"new User(1, \"ann\", avatarHash);\n",
			"const release = new Release('1.2.0', 'f0e1d2c3b4a5968778695a4b3c2d1e0f');\n",
			"new UserSession(token, '0a1b2c3d4e5f60718293a4b5c6d7e8f9');\n",
			"getUser(1, '0a1b2c3d4e5f60718293a4b5c6d7e8f9');\n",
		},
	})
}
