package rules

import "github.com/zricethezav/gitleaks/v8/config"

// connectionString finds the password of an ADO.NET, ODBC or OLE DB
// connection string (Server=…;User Id=…;Password=…;), whatever its length
// or strength: the keys around it make it a database credential.
func connectionString() Rule {
	const (
		host = `(?:server|data[ \t]+source|host|hostname|address|addr|network[ \t]+address|dsn|uid|user[ \t]*id|user[ \t]*name)[ \t]*=[^;"'\r\n]*;`
		pass = `\b(?:password|pwd)[ \t]*=[ \t]*(?:\{([^}\r\n]{2,})\}|([^;"'\s{][^;"'\r\n]*?))[ \t]*`
	)
	return build(spec{
		id:          "connection-string-password",
		description: "Password in a database connection string (ADO.NET, ODBC, OLE DB)",
		regex:       `(?i)` + host + `[^"'\r\n]*?` + pass + `(?:;|["'\x60]|\r?$)` + `|(?i)` + pass + `;[^"'\r\n]*?` + host,
		keywords:    []string{"password=", "pwd=", "password =", "pwd ="},
		tags:        []string{"config", "database", "connection"},
		weakOK:      true,
		allow:       []*config.Allowlist{passwordPlaceholders()},
		tps: []string{
			"<add name=\"Db\" connectionString=\"Server=sql01;Database=Orders;User Id=app;Password=abc1;\" />\n",
			"\"ConnectionStrings\": { \"Default\": \"Data Source=.\\\\SQLEXPRESS;Initial Catalog=Shop;User ID=sa;Password=Sql2019\" }\n",
			"var cs = \"Driver={ODBC Driver 17 for SQL Server};Server=db;UID=report;PWD={p;w1};\";\n",
			"Password=x9;Server=db.internal;Database=crm\n",
		},
		fps: []string{
			"connectionString=\"Server=sql01;Database=Orders;User Id=app;Password=;\"\n",
			"\"Server=sql01;User Id=app;Password=\" + password + \";\"\n",
			"Server=sql01;User Id=app;Password=$(DB_PASSWORD);\n",
			"Server=sql01;User Id=app;Password={0};\n",
			"Server=sql01;User Id=app;Password={1};\n",
			"Server=sql01;User Id=sa;Password=<YourStrong@Passw0rd>;\n",
			"Server=sql01;User Id=app;Password=password;\n",
			"Password=hunter22 is a bad password\n",
		},
	})
}
