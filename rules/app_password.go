package rules

// googleAppPassword finds Google app passwords under a password key:
// sixteen lower-case letters that Google shows in four groups of four
// (abcd efgh ijkl mnop) and that mail code (nodemailer's auth.pass,
// Django's EMAIL_HOST_PASSWORD, .env SMTP passwords) pastes as shown. The
// blanks make it prose to the assignment rules; the shape is Google's.
func googleAppPassword() Rule {
	return build(spec{
		id:          "google-app-password",
		description: "Google app password (four groups of four letters) under a password key",
		regex: `(?im)` + passwordKey + `["']?[ \t]*(?::|=>|=|,)[ \t]*["'\x60]?` +
			`((?-i:[a-z]{4} [a-z]{4} [a-z]{4} [a-z]{4}))(?:["'\x60]|[ \t]*\r?$)`,
		keywords: []string{"pass", "pwd", "pw"},
		tags:     []string{"provider", "google"},
		weakOK:   true,
		tps: []string{
			"  auth: { user: 'shop.owner@gmail.com', pass: 'qwhd kzpr tmfo xbie' },\n",
			"EMAIL_HOST_PASSWORD = \"vhjq pzkr wtnb oeid\"\n",
			"SMTP_PASSWORD=\"rkvm qtzo whpl ybsn\"\n",
			"  MAIL_PASSWORD: zqvt hrko pnwm ftbx\n",
		},
		fps: []string{
			"  auth: { user: 'shop.owner@gmail.com', pass: process.env.GMAIL_PASS },\n",
			"EMAIL_HOST_PASSWORD = \"xxxx xxxx xxxx xxxx\"\n",
			"  pass: 'your app password here',\n",
			"password: 'this is not real'\n",
			"  pass: 'abcd efgh ijkl mnop',\n",
		},
		check: notSequential,
	})
}

// notSequential drops a value whose letters mostly run in alphabet order
// (abcd efgh ijkl mnop): a documentation sample, not a generated password.
func notSequential(_, secret string) bool {
	steps := 0
	prev := rune(0)
	for _, r := range secret {
		if r == ' ' {
			continue
		}
		if r == prev+1 {
			steps++
		}
		prev = r
	}
	return steps < 6
}
