package rules

// netrc finds passwords in .netrc / _netrc entries, on one line or spread
// over the machine, login and password lines.
func netrc() Rule {
	return build(spec{
		id:          "netrc-password",
		description: "Password in a .netrc machine entry",
		regex: `(?i)\bmachine[ \t]+\S+[ \t]*(?:\r?\n[ \t]*)?(?:(?:login|account)[ \t]+\S+[ \t]*(?:\r?\n[ \t]*)?){0,2}` +
			`password[ \t]+(\S{4,})`,
		entropy:  2.5,
		keywords: []string{"machine"},
		tags:     []string{"config", "netrc", "credfile"},
		tps: []string{
			"machine api.heroku.com login ops@corp.io password 5c2e8f1a-7b3d-4e9a-8c6f-2d1b9e7a4f3c\n",
			"machine artifacts.internal.io\n  login ci-reader\n  password Lx8!qV2mRz7k\n",
		},
		fps: []string{
			"machine api.heroku.com login ops@corp.io password $HEROKU_API_KEY\n",
			"machine github.com\n  login x-access-token\n  password ${GITHUB_TOKEN}\n",
			"machine example.com login user password changeme\n",
		},
	})
}
