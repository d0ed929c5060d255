package rules

// mysqlCLI finds passwords on mysql client command lines (-pSECRET,
// --password=SECRET), common in CI run: and sh steps.
func mysqlCLI() Rule {
	return build(spec{
		id:          "mysql-cli-password",
		description: "Password on a mysql/mysqldump command line",
		regex: `(?i)\bmysql(?:dump|admin|import|sh|check|slap)?\b[^\n]*?[ \t](?:-p(?:"([^"\r\n]{4,})"|'([^'\r\n]{4,})'|([^\s'"-][^\s'"]{3,}))` +
			`|--password=(?:"([^"\r\n]{4,})"|'([^'\r\n]{4,})'|([^\s'"]{4,})))`,
		entropy:  2.5,
		keywords: []string{"mysql"},
		tags:     []string{"ci", "cli", "database"},
		tps: []string{
			"      - run: mysql -h 127.0.0.1 -u root -pVq8!Lm2xRz7k < schema.sql\n",
			"sh \"mysqldump -u backup --password='Kz9!qL2mXv7r' shop > dump.sql\"\n",
			"mysqladmin -uroot -p\"Tq7#vL2mXz9k\" status\n",
		},
		fps: []string{
			"      - run: mysql -h 127.0.0.1 -u root -p\"$MYSQL_ROOT_PASSWORD\" < schema.sql\n",
			"mysql -u root -p shop\n",
			"mysqldump --password=${DB_PASSWORD} shop\n",
			"mysql -uroot -proot -e 'show databases'\n",
			"    cmd = \"mysql -u #{config['username']} --password=#{config['password']} #{config['database']}\"\n",
		},
	})
}
