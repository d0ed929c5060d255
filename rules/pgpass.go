package rules

// pgpass finds passwords in PostgreSQL password files (~/.pgpass,
// PGPASSFILE): hostname:port:database:username:password lines.
func pgpass() Rule {
	return build(spec{
		id:          "pgpass-password",
		description: "Password in a PostgreSQL .pgpass line",
		regex:       `(?m)^[ \t]*[\w.*-]+:(?:\d{2,5}|\*):[\w.*-]+:[\w.*@-]+:([^\s:][^\s]{3,})[ \t]*\r?$`,
		entropy:     2.5,
		keywords:    []string{":5432:", ":*:"},
		tags:        []string{"config", "database", "credfile"},
		tps: []string{
			"db-primary.internal:5432:orders:orders_app:Jm3!vR8qTx5k\n",
			"db-replica.internal:5432:*:readonly:Ks7#wN2vLq9z\n",
			"*:*:*:etl:Vq8!nT3kLx6z\n",
		},
		fps: []string{
			"localhost:5432:*:postgres:postgres\n",
			"# hostname:port:database:username:password\n",
			"db:5432:*:app:${PGPASSWORD}\n",
		},
	})
}
