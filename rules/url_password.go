package rules

// urlPassword finds passwords embedded in URLs: database URLs (postgres,
// mysql, mongodb+srv, redis, amqp), https://user:token@host clone URLs and
// .git-credentials lines.
func urlPassword() Rule {
	return build(spec{
		id:          "url-embedded-password",
		description: "Password embedded in a URL",
		regex:       `(?i)\b[a-z][a-z0-9+.-]{1,30}://[^\s:@/'"<>]{0,100}:([^\s@/'"<>]{3,})@[a-z0-9\[][a-z0-9\[\]_.:-]*`,
		entropy:     2,
		keywords:    []string{"://"},
		tags:        []string{"url"},
		tps: []string{
			"DATABASE_URL=postgres://app:Xv8!qL2mRz7k@db.internal:5432/app\n",
			"  MONGO_URI: mongodb+srv://svc-orders:Tq9vL2mXz7Kp@cluster0.ab1cd.mongodb.net/orders\n",
			"https://deploy-bot:ghp_R8kL2mQ9vXz7Tp3Wb5Nc1Hs4Dg6Ae0Uo2IqZ@github.com\n",
			"CELERY_BROKER_URL = \"amqp://celery:Hq7vL2mXz9Kr@rabbitmq:5672//\"\n",
			"redis://:Pz8kQ2mLv7Xr@cache.internal:6379/0\n",
		},
		fps: []string{
			"DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app\n",
			"postgres://user:password@localhost:5432/db\n",
			"mongodb://<username>:<password>@cluster0.mongodb.net\n",
			"https://github.com/org/repo.git\n",
			"redis://:$(REDIS_PASSWORD)@redis:6379\n",
			"amqp://guest:guest@localhost:5672/\n",
		},
	})
}
