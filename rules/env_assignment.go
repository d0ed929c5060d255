package rules

// envAssignment finds KEY=value assignments without spaces: shell scripts
// in run:/script:/sh steps (PGPASSWORD=…, export X=…), .env files, Dockerfile
// ENV/ARG KEY=value, docker-compose environment lists, docker run -e,
// --build-arg, Java .properties, JDBC query strings and connection strings.
func envAssignment() Rule {
	return build(spec{
		id:          "generic-secret-env",
		description: "Literal secret assigned to a secret-named variable (shell, .env, Dockerfile, compose, properties, connection string)",
		regex: `(?i)(?:^|[\s;&|(?,"'])(?:export[ \t]+|set[ \t]+)?` + secretKey + `=(?:` + quotedValue +
			"|([^\\s'\"`;&|<>(){}\\[\\],$\\\\][^\\s'\"`;&|<>(){}\\[\\],]{7,}))",
		entropy:  3,
		keywords: secretKeywords,
		tags:     []string{"ci", "env"},
		tps: []string{
			"      - run: PGPASSWORD=Qz7!mK2pLx9v psql -h db.internal -U app -c 'select 1'\n",
			"export AWS_SECRET_ACCESS_KEY=Jx8fK2mQ9vLp3RtY7wZb1NcH5sDg4AeU6oIk0Tq2\n",
			"DB_PASSWORD=N7v!pQ2xLm9r\n",
			"ENV NPM_TOKEN=npm_Xj3kL9mQ2vR8tY5wZ1bN7cH4sD6gA0eU2oIq\n",
			"      - MYSQL_ROOT_PASSWORD=Tr4!nq8LmzW2\n",
			"spring.datasource.password=Gh72!kLqv9Xz\n",
			"jdbc:mysql://db:3306/shop?user=shop&password=Rk9v2LmQx7Tz\n",
			"Server=sql01;Database=Orders;User Id=app;Password=Wq8#Lp2vNz6m;\n",
			"APP_KEY=base64:3q2+7wWq4Lm8Xv9Zt1Rk6Yp0Hs5Jd2Nf7Gb4Ca1Ee8=\n",
		},
		fps: []string{
			"      - run: PGPASSWORD=$PGPASSWORD psql -h db\n",
			"export DB_PASSWORD=${DB_PASSWORD}\n",
			"DB_PASSWORD=\n",
			"DB_PASSWORD=changeme\n",
			"set DB_PASSWORD=%DB_PASSWORD%\n",
			"SECRET_KEY=your-secret-key-here\n",
			"API_TOKEN=$(cat /run/secrets/token)\n",
			"password=password123\n",
			"TOKEN_FILE=/var/run/secrets/token\n",
			"ENV DB_PASSWORD_FILE=/run/secrets/db_password\n",
			"cmd.Env = append(env, \"PGPASSWORD=\"+p.Password, \"PGCONNECT_TIMEOUT=10\")\n",
		},
	})
}
