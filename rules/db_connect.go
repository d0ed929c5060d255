package rules

import "github.com/zricethezav/gitleaks/v8/config"

// dbConnect finds the literal password passed positionally to a database
// connect call: JDBC DriverManager.getConnection(url, user, "…"), PHP
// mysqli_connect/new mysqli/new PDO, Python MySQLdb/pymysql connect(host,
// user, "…"), Sequelize's new Sequelize(db, user, "…"). The third
// argument of these calls is always the password, so a word is reported
// too (root, tiger), and so is a password equal to the user name (root,
// root): that is how the database is set up. A variable, a call or an
// empty string is not reported.
func dbConnect() Rule {
	return build(spec{
		id:          "db-connect-password",
		description: "Literal password passed positionally to a database connect call",
		regex: `(?i)(?:\bgetConnection|\bmysqli?_connect|\bmysqli|\bPDO|\b(?:MySQLdb|pymysql)\.connect|\bnew[ \t]+Sequelize)\(\s*` +
			callArg + callArg + callLit,
		keywords: []string{"getconnection(", "_connect(", "mysqli(", "pdo(", "mysqldb.connect(", "pymysql.connect(", "sequelize("},
		tags:     []string{"code", "password", "connection"},
		weakOK:   true,
		allow:    []*config.Allowlist{passwordPlaceholders()},
		check:    func(_, secret string) bool { return !emailAddress.MatchString(secret) },
		tps: []string{
			"Connection c = DriverManager.getConnection(url, \"app\", \"shop2019\");\n",
			"Connection c = DriverManager.getConnection(\"jdbc:mysql://localhost/shop\", \"root\", \"root\");\n",
			"Connection c = DriverManager.getConnection(url, \"scott\", \"tiger\");\n",
			"$db = new PDO($dsn, 'shop', 'shop2019');\n",
			"$link = mysqli_connect(\"localhost\", \"root\", \"r00tpw\", \"shop\");\n",
			"$conn = new mysqli('localhost', 'root', 'root', 'shop');\n",
			"        Connection c = DriverManager.getConnection(\n                \"jdbc:mysql://localhost/shop\",\n                \"zork\",\n                \"gnome4711\");\n",
			"db = MySQLdb.connect(\"localhost\", \"root\", \"kiwi42\", \"shop\")\n",
			"const sequelize = new Sequelize('shop', 'root', '123456', { dialect: 'mysql' });\n",
		},
		fps: []string{
			"$db = new PDO($dsn, $user, $pass);\n",
			"$conn = mysqli_connect('localhost', 'root', '', 'shop');\n",
			"Connection c = DriverManager.getConnection(url, user, password);\n",
			"Connection c = DriverManager.getConnection(url, \"app\", \"<password>\");\n",
			"$conn = new mysqli('localhost', 'root', 'password', 'shop');\n",
			"Connection c = DriverManager.getConnection(url, \"app\", System.getenv(\"DB_PASSWORD\"));\n",
		},
	})
}
