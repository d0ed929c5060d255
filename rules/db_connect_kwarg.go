package rules

import "github.com/zricethezav/gitleaks/v8/config"

// dbConnectKwarg finds the literal password given by name to a database
// driver's connect call: Python pymysql/MySQLdb/mysql.connector/psycopg2
// connect(host=…, user=…, password='…') (the argument often on a line of
// its own), and Node mysql.createConnection/createPool({ password: '…' }),
// new Pool/Client({ … }), and TypeORM's TypeOrmModule.forRoot({ … }) and
// new DataSource({ … }) (keys often quoted, as in ormconfig.json). Tagged "connection": the password of a
// database connection is a password whatever its shape (123456, root),
// which a plain assignment in code is not.
func dbConnectKwarg() Rule {
	return build(spec{
		id:          "db-connect-kwarg-password",
		description: "Literal password given by name to a database connect call",
		regex: `(?i)(?:\b(?:pymysql|MySQLdb|mysql\.connector|psycopg2?|pg8000|cx_Oracle|oracledb|pyodbc|pymssql|mariadb|aiomysql|asyncpg)\.(?:connect|create_pool)\(` +
			`|\b(?:createConnection|createPool|forRoot)\([ \t]*\{|\bnew[ \t]+(?:Pool|Client|DataSource)\([ \t]*\{)` +
			`[^()]{0,400}?\b(?:password|passwd|pwd)["']?[ \t]*[:=][ \t]*(?:"([^"\r\n]{4,})"|'([^'\r\n]{4,})')`,
		keywords: []string{"connect(", "create_pool(", "createconnection(", "createpool(", "new pool(", "new client(", "forroot(", "new datasource("},
		tags:     []string{"code", "password", "connection"},
		weakOK:   true,
		allow:    []*config.Allowlist{passwordPlaceholders()},
		check:    func(_, secret string) bool { return !emailAddress.MatchString(secret) },
		tps: []string{
			"conn = pymysql.connect(host='localhost', user='root', password='123456', db='shop')\n",
			"self.conn = pymysql.connect(host='localhost', port=3306,\n                            user='root', password='kiwi42',\n                            database='shop')\n",
			"cnx = mysql.connector.connect(user='app', passwd=\"zorg4711\", host='db')\n",
			"const pool = mysql.createPool({\n  host: 'localhost',\n  user: 'root',\n  password: 'root',\n  database: 'shop'\n});\n",
			"const client = new Client({ user: 'postgres', password: '123456', database: 'shop' })\n",
			"    TypeOrmModule.forRoot({\n      \"type\": \"postgres\",\n      \"username\": \"postgres\",\n      \"password\": \"123456\",\n    }),\n",
			"export const AppDataSource = new DataSource({\n  type: 'mysql',\n  username: 'shop',\n  password: 'kiwi4711',\n})\n",
		},
		fps: []string{
			"conn = pymysql.connect(host=HOST, user=USER, password=PASSWORD, db='shop')\n",
			"conn = pymysql.connect(host='localhost', user='root', password='', db='shop')\n",
			"const pool = mysql.createPool({ host, user, password: process.env.DB_PASSWORD })\n",
			"TypeOrmModule.forRoot({ type: 'postgres', password: config.get('DB_PASSWORD') })\n",
			"conn = psycopg2.connect(dbname='shop', user='app', password='<password>')\n",
			"conn = pymysql.connect(host='localhost', user='root', password='password', db='shop')\n",
		},
	})
}
