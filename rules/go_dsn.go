package rules

import "github.com/zricethezav/gitleaks/v8/config"

// goMySQLDSN finds the password of a Go MySQL driver DSN
// (user:password@tcp(host:3306)/db, user:password@unix(/run/mysqld.sock)/db,
// user:password@(host:3306)/db, where tcp is the default):
// the driver's own format, which has no scheme for url-embedded-password
// to key on; quoted in code, bare in config files (app.conf, db.conf). Any password that is not a placeholder is a credential,
// however weak: root:admin and root:123456 are how small projects set
// MySQL up (tagged "connection": the scorer takes digits as chosen).
func goMySQLDSN() Rule {
	return build(spec{
		id:          "mysql-dsn-password",
		description: "Password in a Go MySQL driver DSN (user:password@tcp(host)/db)",
		regex:       `(?m)(?:^|[\s"'=\x60])([^\s:@"'\x60/()=]{1,64}):([^\s@"'\x60]{1,128})@(?:tcp|unix)?\([\w.\[\]:/-]*\)/`,
		secretGroup: 2,
		keywords:    []string{"@tcp(", "@unix(", "@("},
		tags:        []string{"code", "password", "connection"},
		weakOK:      true,
		allow:       []*config.Allowlist{passwordPlaceholders()},
		tps: []string{
			"db, err := sql.Open(\"mysql\", \"shop:kiwi42@tcp(127.0.0.1:3306)/shop?parseTime=true\")\n",
			"  dsn: 'app:Xv8!qL2mRz7k@tcp(db:3306)/app'\n",
			"DSN=\"root:r00tpw@unix(/var/run/mysqld/mysqld.sock)/shop\"\n",
			// A service's shipped password and digits are how small projects set MySQL up.
			"dsn := \"root:admin@tcp(127.0.0.1:3306)/test\"\n",
			"dsn := \"task:123456@tcp(127.0.0.1:3306)/task\"\n",
			// Unquoted, in a config file (beego's app.conf, an INI-like db.conf).
			"app.dbURL root:123456@tcp(10.0.0.7:3308)/app?parseTime=true\n",
			"dataSource= root:kiwi42@tcp(10.0.0.7:3308)/app?charset=utf8\n",
			// The protocol is optional: @(host:port) is tcp.
			"node1:1 root:kiwi42@(10.0.0.7:3308)/appmsg?parseTime=true\n",
		},
		fps: []string{
			"dsn := fmt.Sprintf(\"%s:%s@tcp(%s)/%s\", user, pass, host, db)\n",
			"db, err := sql.Open(\"mysql\", \"user:password@tcp(127.0.0.1:3306)/shop\")\n",
			"  dsn: \"${DB_USER}:${DB_PASSWORD}@tcp(db:3306)/app\"\n",
			"// \"user:<password>@tcp(host)/db\"\n",
			"dsn := \"user:pass@tcp(127.0.0.1:3306)/dbname\"\n",
			"dsn := \"root:@tcp(127.0.0.1:3306)/test\"\n",
			"  @decorator(zork:quux@(x)) \n",
		},
	})
}
