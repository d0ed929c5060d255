package rules

import (
	"strings"

	"github.com/zricethezav/gitleaks/v8/config"
)

// urlPassword finds passwords embedded in URLs: database URLs (postgres,
// mysql, mongodb+srv, redis, amqp), https://user:token@host clone URLs and
// .git-credentials lines. In a database or broker URL any password that is
// not a placeholder is a credential, however short or weak, a service's
// shipped password too (root, postgres); in other URLs
// (documentation links, clone URLs) the password must look generated.
func urlPassword() Rule {
	return build(spec{
		id:          "url-embedded-password",
		description: "Password embedded in a URL",
		regex:       `(?i)\b[a-z][a-z0-9+.-]{1,30}://[^\s:@/'"<>]{0,100}:([^\s@/'"<>]{1,})@[a-z0-9\[][a-z0-9\[\]_.:-]*(?:/[\w.-]{0,64})?`,
		keywords:    []string{"://"},
		tags:        []string{"url", "connection"},
		weakOK:      true,
		allow:       []*config.Allowlist{urlPlaceholders()},
		check:       urlPasswordCheck,
		tps: []string{
			// A name with a word of its own is the password the database was set up with.
			"sqlalchemy.url = postgresql://zorkshop:zorkshop_dev_password@localhost:5432/zorkshop\n",
			"DATABASE_URL=\"mysql://zork_user:zork_pass@127.0.0.1:3306/zork_ticker\"\n",
			"DATABASE_URL=postgres://app:Xv8!qL2mRz7k@db.internal:5432/app\n",
			"  MONGO_URI: mongodb+srv://svc-orders:Tq9vL2mXz7Kp@cluster0.ab1cd.mongodb.net/orders\n",
			"https://deploy-bot:ghp_R8kL2mQ9vXz7Tp3Wb5Nc1Hs4Dg6Ae0Uo2IqZ@github.com\n",
			"CELERY_BROKER_URL = \"amqp://celery:Hq7vL2mXz9Kr@rabbitmq:5672//\"\n",
			"redis://:Pz8kQ2mLv7Xr@cache.internal:6379/0\n",
			// Weak passwords in database and broker URLs.
			"MONGO_URL=mongodb://orders:orders1@mongo:27017/orders\n",
			"REDIS_URL=redis://:foob4r@cache:6379/0\n",
			"spring.rabbitmq.addresses=amqps://svc:rabbit9@mq.internal:5671\n",
			"cassandra://app:c4ss@cassandra.internal:9042/ks\n",
			"DATABASE_URL=mysql://shop:shop2019@db/shop\n",
			"      - DATABASE_URL=psql://shop:kiwi42@db:5432/shop\n",
			// "secret" is a stack's default password, not a stand-in, in a database URL.
			"DATABASE_URL=\"postgresql://app:secret@postgres:5432/app?serverVersion=16\"\n",
			"  --db-url=mysql://app:secret@mysql/app \\\n",
			// A service's shipped password, even where the user repeats it:
			// how the database was set up (the scorer lowers it in CI and tests).
			"SQLALCHEMY_DATABASE_URI = 'mysql+pymysql://root:root@localhost/shop'\n",
			"postgres://postgres:postgres@localhost:5432/shop\n",
			// A password equal to its user is how small projects set a database up.
			"DATABASE_URL=postgresql://zork:zork@postgres:5432/zork_shop\n",
			// A camera's stream URL: the NVR's admin login.
			"Camera 1::rtsp://admin:admin123@203.0.113.7:554/cam/realmonitor?channel=1\n",
		},
		fps: []string{
			"DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app\n",
			"postgres://user:password@localhost:5432/db\n",
			"mongodb://<username>:<password>@cluster0.mongodb.net\n",
			"https://github.com/org/repo.git\n",
			"redis://:$(REDIS_PASSWORD)@redis:6379\n",
			"mongodb://user:pass@localhost:27017\n",
			"postgres://test:test@localhost:5432/test\n",
			"postgres://shop:shop@db:5432/shop\n",
			"https://user:abc1@example.org/\n",
			"https://user:secret@docs.internal/\n",
			"mongodb://user:my_secret@localhost:27017\n",
			"DATABASE_URL=postgresql://app:db_password@db:5432/app\n",
			"REDIS_URL=redis://default:mypass@cache:6379/0\n",
			"#   CACHE_DATABASE_URL=\"mysql2://cacheuser:cachepass@localhost/cachedatabase\"\n",
		},
	})
}

// urlPlaceholders is passwordPlaceholders without its name expressions
// (snake_case names, words ending in pass): in a URL a name with a word of
// its own (shopname_pass) is the password the database was set up with,
// and urlPasswordCheck drops names of generic words (genericName).
func urlPlaceholders() *config.Allowlist {
	rs := append(append([]string{}, loneSecretPlaceholders[:4]...), passwordPlaceholderRegexes[2:]...)
	return &config.Allowlist{Description: "password placeholders", Regexes: compileAll(rs)}
}

// scaffoldTriple reports a template's user, password and database named
// alike from one prefix (cacheuser, cachepass, cachedatabase).
func scaffoldTriple(user, secret, db string) bool {
	p, ok := strings.CutSuffix(strings.TrimRight(strings.ToLower(user), "_-"), "user")
	if !ok || p == "" {
		return false
	}
	p = strings.TrimRight(p, "_-")
	ldb := strings.ToLower(db)
	if !strings.HasPrefix(strings.ToLower(secret), p) || !strings.HasPrefix(ldb, p) {
		return false
	}
	rest := strings.TrimLeft(ldb[len(p):], "_-")
	return rest == "database" || rest == "db"
}

// dbName returns the database a URL names after its host (shop in
// shop:shop@db:5432/shop), or "".
func dbName(rest string) string {
	_, hostPath, ok := strings.Cut(rest, "@")
	if !ok {
		return ""
	}
	_, db, _ := strings.Cut(hostPath, "/")
	return db
}

// fillerUsers are the user names templates repeat as their password.
var fillerUsers = map[string]bool{"user": true, "username": true, "test": true, "demo": true, "example": true,
	"dbuser": true, "db_user": true, "foo": true, "sample": true, "name": true, "login": true, "me": true}

// dbSchemes are the URL schemes of databases, brokers, mail or file
// servers and cameras or media servers (RTSP, RTMP, MQTT), whose URLs
// carry real service passwords.
var dbSchemes = map[string]bool{
	"mongodb": true, "mongodb+srv": true, "redis": true, "rediss": true, "amqp": true, "amqps": true,
	"cassandra": true, "postgres": true, "postgresql": true, "psql": true, "pgsql": true, "postgis": true, "mysql": true, "mysql2": true, "mysqlx": true,
	"mariadb": true, "mssql": true, "sqlserver": true, "oracle": true, "couchdb": true, "neo4j": true,
	"bolt": true, "clickhouse": true, "cockroachdb": true, "memcached": true, "nats": true,
	"ldap": true, "ldaps": true, "ftp": true, "ftps": true, "sftp": true, "smtp": true, "smtps": true,
	"imap": true, "imaps": true, "pop3": true, "pop3s": true,
	"rtsp": true, "rtsps": true, "rtmp": true, "rtmps": true, "mqtt": true, "mqtts": true,
}

// urlPasswordCheck keeps a database URL's password, also one equal to its
// user (zork:zork@db/zork_shop, postgres:postgres: how small projects set
// their database up) unless both are a template's filler (user:user,
// test:test) or a scaffold names user, password and database alike
// (shop:shop@db/shop), and, outside database URLs, one that differs from
// the user and looks generated. SQLAlchemy's driver suffix (mysql+pymysql) names
// the same database.
func urlPasswordCheck(match, secret string) bool {
	scheme, rest, ok := strings.Cut(match, "://")
	if !ok {
		return false
	}
	user, _, _ := strings.Cut(rest, ":")
	if i := strings.LastIndexAny(scheme, ":\"'=( \t"); i >= 0 {
		scheme = scheme[i+1:]
	}
	scheme = strings.ToLower(scheme)
	if base, _, ok := strings.Cut(scheme, "+"); ok && !dbSchemes[scheme] {
		scheme = base
	}
	if strings.EqualFold(user, secret) && (!dbSchemes[scheme] || fillerUsers[strings.ToLower(secret)] || strings.EqualFold(dbName(rest), secret)) {
		return false // user:user is a template's filler, shop:shop@db/shop a scaffold's; zork:zork@db/zork_shop is how a database was set up
	}
	if genericName(secret) || scaffoldTriple(user, secret, dbName(rest)) {
		return false // db_password, mypass; cacheuser:cachepass@host/cachedatabase
	}
	if dbSchemes[scheme] {
		return true
	}
	return len(secret) >= 3 && entropy(secret) > 2 && !weakValue.MatchString(secret)
}
