package rules

import "github.com/zricethezav/gitleaks/v8/config"

// toolCLI finds passwords given to the command-line clients of common
// services by their short options or positional arguments, which
// cli-secret-flag's long options do not cover: redis-cli -a, SQL Server's
// sqlcmd -P, mongo/mongosh -p, rabbitmqctl add_user/change_password,
// MinIO's mc alias set / config host add, smbclient -U user%password. The
// arguments may be a compose healthcheck's JSON array ("redis-cli", "-a",
// "…"). The command logs in with the value wherever it runs, weak or not.
func toolCLI() Rule {
	sep := `(?:["']?[ \t]*,[ \t]*["']?|[ \t]+["']?)`
	val := `([^\s"'$\\{}<>,\]\[()-][^\s"'$\\{}<>,\]\[()]+)["']?`
	return build(spec{
		id:          "tool-cli-password",
		description: "Password given to a service's command-line client (redis-cli -a, sqlcmd -P, mongosh -p, mc alias set)",
		regex: `(?:\bredis-cli\b[^\r\n|;&]*?[ \t"',]-a` + sep + val +
			`|\bsqlcmd\b[^\r\n|;&]*?[ \t"',]-P` + sep + val +
			`|\bmongo(?:sh)?\b[^\r\n|;&]*?[ \t"',]-p` + sep + val +
			`|\brabbitmqctl[ \t]+(?:add_user|change_password)[ \t]+["']?[\w.@-]+["']?[ \t]+["']?` + val +
			`|\bmc[ \t]+(?:config[ \t]+host[ \t]+add|alias[ \t]+set)[ \t]+\S+[ \t]+https?://\S+[ \t]+\S+[ \t]+["']?` + val +
			`|\bsmbclient\b[^\r\n|;&]*?[ \t]-U[ \t]+["']?[\w.\\-]+%` + val + `)`,
		keywords: []string{"redis-cli", "sqlcmd", "mongo", "rabbitmqctl", "mc ", "smbclient"},
		tags:     []string{"shell", "cli", "password"},
		weakOK:   true,
		allow:    []*config.Allowlist{cliPasswordPlaceholders()},
		check:    func(_, secret string) bool { return len(secret) <= 128 },
		tps: []string{
			"      test: [\"CMD\", \"redis-cli\", \"-a\", \"zork4711\", \"ping\"]\n",
			"redis-cli -h cache -p 6379 -a 'Zork!4711' ping\n",
			"      test: /opt/mssql-tools/bin/sqlcmd -S localhost -U sa -P \"Zork!4711quux\" -Q \"SELECT 1\"\n",
			"mongosh --host db -u admin -p zork4711 --authenticationDatabase admin\n",
			"rabbitmqctl add_user zork Zork4711quux\n",
			"until (/usr/bin/mc config host add myminio http://minio:9000 ZORKMINIO zork_secret4711) do sleep 1; done\n",
			"mc alias set local http://localhost:9000 zorkadmin Zork4711quux\n",
			"smbclient //nas/backup -U backup%Zork4711 -c 'put dump.sql'\n",
		},
		fps: []string{
			"redis-cli -a \"$REDIS_PASSWORD\" ping\n",
			"      test: [\"CMD\", \"redis-cli\", \"ping\"]\n",
			"sqlcmd -S localhost -U sa -P \"${SA_PASSWORD}\" -Q \"SELECT 1\"\n",
			"mongosh --host db -u admin -p --authenticationDatabase admin\n",
			"mc alias set local http://localhost:9000 $MINIO_USER $MINIO_PASSWORD\n",
			"rabbitmqctl add_user zork changeme\n",
			"redis-cli -h cache -p 6379 ping\n",
			"- tool-cli-password: redis-cli -a (also in a compose healthcheck)\n",
		},
	})
}
