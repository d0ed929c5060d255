package rules

// basicAuthCode finds passwords in HTTP basic-auth pairs in code:
// requests' auth=("user", "password") and session.auth = (...),
// HTTPBasicAuth/HTTPDigestAuth and aiohttp's BasicAuth.
func basicAuthCode() Rule {
	return build(spec{
		id:          "http-basic-auth-pair",
		description: "Password in an HTTP basic-auth (user, password) pair in code",
		regex: `(?i)(?:\bauth[ \t]*=[ \t]*\(|\bHTTP(?:Basic|Digest)Auth\(|\bBasicAuth\()[ \t]*["'][^"'\r\n]{1,64}["'][ \t]*,[ \t]*` +
			`(?:"([^"\r\n]{6,})"|'([^'\r\n]{6,})')`,
		entropy:  2.5,
		keywords: []string{"auth=", "auth =", "basicauth(", "digestauth("},
		tags:     []string{"code", "http"},
		tps: []string{
			"    session.auth = (\"inventory-sync\", \"Bw4!kT8vQm2z\")\n",
			"r = requests.get(url, auth=HTTPBasicAuth('svc-report', 'Kq7#vL2mXz9t'))\n",
			"async with aiohttp.ClientSession(auth=aiohttp.BasicAuth(\"bot\", \"Zx8!qT3vLm6k\")) as s:\n",
		},
		fps: []string{
			"    session.auth = (user, password)\n",
			"r = requests.get(url, auth=HTTPBasicAuth(os.environ['U'], os.environ['P']))\n",
			"    session.auth = (\"inventory-sync\", \"<password>\")\n",
			"auth = (\"admin\", \"password\")\n",
		},
	})
}
