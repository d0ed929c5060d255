package rules

// curlBasicAuth finds passwords in curl -u/--user user:password when the
// password holds characters that gitleaks' curl-auth-user does not accept
// unquoted (#, !, % ...). Its id contains "generic" so that, on a line
// where curl-auth-user also reports the credential, only gitleaks'
// finding is kept.
func curlBasicAuth() Rule {
	return build(spec{
		id:          "generic-curl-basic-auth",
		description: "Password in a curl -u user:password option",
		regex: `(?i)\bcurl\b[^\n]*?[ \t](?:-u|--user)(?:[ \t]+|=)(?:"[^"\s:]{1,64}:([^"\r\n]{4,})"|'[^'\s:]{1,64}:([^'\r\n]{4,})'` +
			`|[^\s:'"]{1,64}:([^\s'"]{4,}))`,
		entropy:  2.5,
		keywords: []string{"curl"},
		tags:     []string{"ci", "cli", "http"},
		tps: []string{
			"          curl -sf -u deployer:Wm4#tQ8vLz2p https://staging.internal.net/healthz\n",
			"curl --user 'ops:Tq8!vL3mXz6k' -X POST https://ci.internal.net/job/e2e/build\n",
		},
		fps: []string{
			"curl -u admin:changeme http://localhost:8080/admin\n",
			"curl -u \"$API_USER:$API_PASSWORD\" https://api.internal.net\n",
			"curl -u ${{ secrets.USER }}:${{ secrets.PASS }} https://x.io\n",
			"curl -u deployer https://x.io\n",
		},
	})
}
