package rules

// propertyCall finds a secret set through a call that takes the key and
// the value as arguments: Java props.put/setProperty("mail.smtp.password",
// "…"), System.setProperty, Go os.Setenv("DB_PASSWORD", "…"), Python
// os.environ.setdefault / os.putenv, PHP putenv("DB_PASSWORD=…") is
// generic-secret-env's. The key is judged as an assignment's is
// (assign_check.go): a weak password under a password key is reported.
func propertyCall() Rule {
	return codeLiteral(spec{
		id:          "property-call-secret",
		description: "Secret passed with its key to a property or environment setter (props.put, setProperty, os.Setenv)",
		regex:       `(?i)(?:\.(?:put|setProperty|setdefault|putenv|set)|\bSetenv|\bputenv)\([ \t]*["']` + assignKey + `["'][ \t]*,[ \t]*(?:` + assignQuoted + `)[ \t]*\)`,
		tps: []string{
			"    props.put(\"mail.smtp.password\", \"kiwi2024x\");\n",
			"System.setProperty(\"db.password\", \"Zorg!4711\");\n",
			"\tos.Setenv(\"DB_PASSWORD\", \"zorg4711\")\n",
			"os.environ.setdefault('STRIPE_SECRET_KEY', 'q8Lm2vRz7kXp4Tn9Wb3c')\n",
		},
		fps: []string{
			"    props.put(\"mail.smtp.password\", password);\n",
			"\tos.Setenv(\"DB_PASSWORD\", \"\")\n",
			"\tt.Setenv(\"DB_PASSWORD\", \"changeme\")\n",
			"headers.set('Authorization', 'Bearer ' + token)\n",
			"form.set(\"password\", \"Password\")\n",
		},
	})
}
