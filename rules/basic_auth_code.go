package rules

// basicAuthCode finds passwords in HTTP basic-auth pairs in code:
// requests' auth=("user", "password") and session.auth = (...),
// HTTPBasicAuth/HTTPDigestAuth and aiohttp's BasicAuth, Go's
// req.SetBasicAuth, Spring's setBasicAuth and basicAuthentication,
// RestAssured's basicAuth, Ruby's basic_auth, OkHttp's Credentials.basic.
func basicAuthCode() Rule {
	return build(spec{
		id:          "http-basic-auth-pair",
		description: "Password in an HTTP basic-auth (user, password) pair in code",
		regex: `(?i)(?:\bauth[ \t]*=[ \t]*\(|\bHTTP(?:Basic|Digest)Auth\(|(?:\b|Set|with)BasicAuth\(|\.basic_?auth(?:entication)?(?:\(|[ \t]+)|\bCredentials\.basic\()[ \t]*["'][^"'\r\n]{1,64}["'][ \t]*,[ \t]*` +
			`(?:"([^"\r\n]{6,})"|'([^'\r\n]{6,})')`,
		entropy:  2.5,
		keywords: []string{"auth=", "auth =", "basicauth", "basic_auth", "digestauth(", "credentials.basic("},
		tags:     []string{"code", "http"},
		tps: []string{
			"    session.auth = (\"inventory-sync\", \"Bw4!kT8vQm2z\")\n",
			"r = requests.get(url, auth=HTTPBasicAuth('svc-report', 'Kq7#vL2mXz9t'))\n",
			"async with aiohttp.ClientSession(auth=aiohttp.BasicAuth(\"bot\", \"Zx8!qT3vLm6k\")) as s:\n",
			"\treq.SetBasicAuth(\"zork\", \"Zx8!qT3vLm6k\")\n",
			"    headers.setBasicAuth(\"zork\", \"Zx8!qT3vLm6k\");\n",
			"    given().auth().preemptive().basicAuth(\"zork\", \"Zx8!qT3vLm6k\").when().get(\"/api\")\n",
			"    request.basic_auth 'zork', 'Zx8!qT3vLm6k'\n",
			"    String credential = Credentials.basic(\"zork\", \"Zx8!qT3vLm6k\");\n",
		},
		fps: []string{
			"    session.auth = (user, password)\n",
			"r = requests.get(url, auth=HTTPBasicAuth(os.environ['U'], os.environ['P']))\n",
			"    session.auth = (\"inventory-sync\", \"<password>\")\n",
			"auth = (\"admin\", \"password\")\n",
			"\treq.SetBasicAuth(user, pass)\n",
		},
	})
}
