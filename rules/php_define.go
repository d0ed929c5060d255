package rules

// phpDefine finds secrets in PHP define() constants (wp-config.php
// DB_PASSWORD, AUTH_KEY and salts, and similar config files).
func phpDefine() Rule {
	return build(spec{
		id:          "php-define-secret",
		description: "Secret in a PHP define() constant",
		regex:       `(?i)\bdefine\([ \t]*["']\w*(?:PASSWORD|PASS|PWD|SECRET|TOKEN|KEY|SALT)\w*["'][ \t]*,[ \t]*(?:` + quotedValue + `)[ \t]*\)`,
		entropy:     3,
		keywords:    []string{"define("},
		tags:        []string{"config", "php"},
		tps: []string{
			"define( 'DB_PASSWORD', 'Rq7!vL2mXz9k' );\n",
			"define('AUTH_KEY', 'x8#Lq2v!Mz7R@kT9w$Bn5&Cy1^Hd4');\n",
			"define(\"STRIPE_SECRET\", \"Kz8vL2mQx7Rr9Tw3Bn5Cy1Hd\");\n",
		},
		fps: []string{
			"define( 'DB_PASSWORD', getenv('WORDPRESS_DB_PASSWORD') );\n",
			"define('AUTH_KEY', 'put your unique phrase here');\n",
			"define( 'DB_PASSWORD', 'password_here' );\n",
			"define('DB_NAME', 'wordpress_prod_site');\n",
		},
	})
}
