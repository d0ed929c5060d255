package rules

// redisConf finds passwords in redis.conf / sentinel.conf directives
// (requirepass, masterauth) and ACL user lines with a >password.
func redisConf() Rule {
	return build(spec{
		id:          "redis-conf-password",
		description: "Password in a Redis configuration directive",
		regex:       `(?im)^[ \t]*(?:requirepass|masterauth|sentinel[ \t]+auth-pass[ \t]+\S+|user[ \t]+\S+[ \t]+on[^\n>]*?)[ \t]+>?(?:"([^"\r\n]{6,})"|([^\s"]{6,}))`,
		entropy:     2.5,
		keywords:    []string{"requirepass", "masterauth", "auth-pass", "user "},
		tags:        []string{"config", "redis", "credfile"},
		tps: []string{
			"requirepass Lc8#vT3qNz7k\n",
			"masterauth \"Hv6!kQ2mXz9t\"\n",
			"sentinel auth-pass mymaster Tz4#vN8qLk2w\n",
			"user deploy on >Pq7!mV3xKz8r ~cache:* +get +set\n",
		},
		fps: []string{
			"# requirepass foobared\n",
			"requirepass ${REDIS_PASSWORD}\n",
			"user default on nopass ~* +@all\n",
		},
	})
}
