package rules

// sessionSecret finds the literal secret of Express session middleware
// (express-session, cookie-session, koa-session): session({ secret: '…' }),
// require('express-session')({ secret: '…' }).
// It signs the session cookies, so whoever reads it forges sessions; apps
// keep the README's example phrase ("keyboard cat") in production, which
// the phrase filter of the generic rules would drop as prose. The object
// may span lines (the finding is reported on the secret's line); references
// (process.env.X) are no string literal. A phrase is the key here, so the
// shared prose filter does not apply (proseOK).
func sessionSecret() Rule {
	return build(spec{
		id:          "session-middleware-secret",
		description: "Literal secret of an Express session middleware (express-session, cookie-session)",
		regex: `(?i)(?:\b(?:express[_-]?|cookie[_-]?)?session|\brequire\([ \t]*["'](?:express|cookie)-session["'][ \t]*\))\([ \t]*\{[^{}()]{0,300}?\bsecret[ \t]*:[ \t]*\[?[ \t]*` +
			`(?:"([^"\r\n]{4,})"|'([^'\r\n]{4,})'|\x60([^\x60\r\n$]{4,})\x60)`,
		keywords: []string{"session(", "session')", "session\")"},
		tags:     []string{"code", "session", "signing-key"},
		weakOK:   true,
		proseOK:  true,
		tps: []string{
			"app.use(session({\n  secret: 'gnome bakery',\n  resave: false,\n  saveUninitialized: true\n}))\n",
			"app.use(expressSession({ secret: \"zork-4711\", cookie: { secure: true } }))\n",
			"app.use(cookieSession({\n  name: 'sid',\n  secret: ['zorkmid keys'],\n}))\n",
			"app.use(session({\n    secret: 'Once again Zork wins cutest gnome!',\n    resave: false,\n}));\n",
			"app.use(\n  require('express-session')({\n    secret: 'Once again Zork wins cutest gnome!',\n    resave: false,\n  })\n);\n",
		},
		fps: []string{
			"app.use(session({\n  secret: process.env.SESSION_SECRET,\n  resave: false\n}))\n",
			"app.use(session({ secret: config.get('session.secret') }))\n",
			"app.use(session({ secret: '<your-session-secret>' }))\n",
			"app.use(session({ secret: 'changeme' }))\n",
			"app.use(session({ store: new RedisStore({ client }), secret: sessionSecret }))\n",
			"const s = session({ cookie: { maxAge: 60000 } });\nconst secret: 'abcd' = x\n",
		},
	})
}
