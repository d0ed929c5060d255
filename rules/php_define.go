package rules

import "github.com/zricethezav/gitleaks/v8/config"

// phpDefine finds secrets in PHP define() constants (wp-config.php
// DB_PASSWORD, AUTH_KEY and salts, and similar config files). A weak
// password under a password-named constant is reported too, unless it is a
// bare word (assign_check.go).
func phpDefine() Rule {
	return build(spec{
		id:          "php-define-secret",
		description: "Secret in a PHP define() constant",
		regex:       `(?i)\bdefine\([ \t]*["']\w*(?:PASSWORD|PASS|PWD|SECRET|TOKEN|KEY|SALT)\w*["'][ \t]*,[ \t]*(?:` + assignQuoted + `)[ \t]*\)`,
		keywords:    []string{"define("},
		tags:        []string{"config", "php"},
		weakOK:      true,
		allow:       []*config.Allowlist{passwordPlaceholders()},
		check:       assignCheck(false),
		tps: []string{
			"define( 'DB_PASSWORD', 'Rq7!vL2mXz9k' );\n",
			"define('AUTH_KEY', 'x8#Lq2v!Mz7R@kT9w$Bn5&Cy1^Hd4');\n",
			"define(\"STRIPE_SECRET\", \"Kz8vL2mQx7Rr9Tw3Bn5Cy1Hd\");\n",
			"define( 'DB_PASSWORD', 'wp2019!' );\n",
			"define('DB_PASSWORD', 'root');\n",
		},
		fps: []string{
			"define( 'DB_PASSWORD', getenv('WORDPRESS_DB_PASSWORD') );\n",
			"define('AUTH_KEY', 'put your unique phrase here');\n",
			"define( 'DB_PASSWORD', 'password_here' );\n",
			"define('DB_NAME', 'wordpress_prod_site');\n",
			"define( 'DB_PASSWORD', 'wordpress' );\n",
			"define('AUTH_SALT', 'abc123');\n",
		},
	})
}
