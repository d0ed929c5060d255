package rules

// htpasswd finds password hashes in htpasswd-style user:hash entries
// (Apache MD5, bcrypt, {SHA}, crypt SHA-256/512; also with the $ signs
// escaped, as written by echo in Dockerfiles and scripts, and as a quoted
// map of users to hashes, as OpenShift's inventory sets htpasswd users), which can be cracked
// offline and often guard CI dashboards and registries.
func htpasswd() Rule {
	return build(spec{
		id:          "htpasswd-hash",
		description: "Password hash in an htpasswd entry",
		regex: `(?m)(?:^|[\s"'{,])[\w.@-]{1,64}(?::|["'][ \t]*:[ \t]*["'])(\\?\$apr1\\?\$[./0-9A-Za-z]{1,8}\\?\$[./0-9A-Za-z]{22}|\\?\$2[aby]\\?\$\d{2}\\?\$[./0-9A-Za-z]{53}` +
			`|\{SHA\}[A-Za-z0-9+/]{27}=|\\?\$[56]\\?\$[./0-9A-Za-z]{1,16}\\?\$[./0-9A-Za-z]{43,86})`,
		keywords: []string{"apr1", "$2y", "$2a", "$2b", "{sha}", "$5", "$6"},
		tags:     []string{"config", "hash", "credfile"},
		tps: []string{
			"admin:$apr1$Qx8vL2mZ$0fK3nR7tW9bY2cH5jD8gA1\n",
			"ci:$2y$05$Tq9vL2mXz7KpR8wB3nC5yOeH4dF6gJ0aU2iOkX8vL2mQz7R9Tw3Bn\n",
			"  auth: \"grafana:{SHA}Hq7vL2mXz9KrT3wB5nC1yD4fG6h=\"\n",
			"openshift_master_htpasswd_users={'admin':'$apr1$Qx8vL2mZ$0fK3nR7tW9bY2cH5jD8gA1', 'dev': '$apr1$Zx8vL2mZ$0fK3nR7tW9bY2cH5jD8gA1'}\n",
			"RUN echo \"admin:\\$apr1\\$Vb8kQ2mZ\\$Lq7vX2mRz9Kk8Tw3Bn5Cy1\" > /etc/nginx/.htpasswd\n",
		},
		fps: []string{
			"admin:$apr1$\n",
			"ci:$2y$05$short\n",
			"# format: user:{SHA}base64\n",
		},
	})
}
