package rules

import "github.com/zricethezav/gitleaks/v8/config"

// phpConnectPassword finds the literal a PHP script assigns to a password
// variable and then connects to its database with, in any PHP file:
//
//	$password = "…";
//	$conn = new mysqli($host, $username, $password, $dbname);
//
// The assignment counts when a connect call (mysqli, PDO, mysql_connect,
// pg_connect, oci_connect, sqlsrv_connect) follows within 30 lines: the
// value is then what the database runs with, however short, as in a
// config.php (generic-secret-code-config-word, whose check this shares).
// Without a connect call after it, a $password literal in a login page is
// a form value or a comparison and is left to the code rules.
func phpConnectPassword() Rule {
	return build(spec{
		id:          "php-connect-password",
		description: "Literal password a PHP script assigns and then opens its database connection with",
		regex: `(?i)\$\w*(?:pass(?:w(?:or)?d)?|pwd)\w*[ \t]*=[ \t]*(?:"([^"\\\r\n$]{2,64})"|'([^'\\\r\n]{2,64})')[ \t]*;` +
			`[^\r\n]*(?:\r?\n[^\r\n]*){0,30}?` +
			`(?:\bmysqli_(?:real_)?connect|\bnew[ \t]+(?:mysqli|PDO)|\bmysql_p?connect|\bpg_p?connect|\boci_(?:p|new_)?connect|\bsqlsrv_connect)[ \t]*\(`,
		path:     `(?i)\.(?:php\d?|phtml|inc)$`,
		keywords: []string{"connect", "mysqli", "pdo"},
		tags:     []string{"code", "live", "database", "confidence:medium"},
		weakOK:   true,
		allow:    []*config.Allowlist{passwordPlaceholders()},
		check:    configPasswordCheck,
		tps: []string{
			"<?php\n$host = \"10.0.0.5\";\n$username = \"root\";\n$password = \"ZORKBANK\";\n$dbname = \"vote\";\n\n$conn = new mysqli($host, $username, $password, $dbname);\n",
			"<?php\n$db_pass = 'gnome';\n$link = mysqli_connect('localhost', 'app', $db_pass, 'shop');\n",
			"<?php\n$pwd = \"quux42\";\ntry {\n  $pdo = new PDO(\"mysql:host=localhost;dbname=app\", \"app\", $pwd);\n} catch (PDOException $e) {}\n",
		},
		fps: []string{
			"<?php\n$password = \"password\";\n$conn = new mysqli($host, $user, $password, $db);\n",
			"<?php\n$password = $_POST['password'];\n$conn = new mysqli($host, $user, $password, $db);\n",
			"<?php\nif ($password === \"zork\") {\n  echo 'ok';\n}\n",
			"<?php\n$password = \"your_password\";\n$conn = mysqli_connect($host, $user, $password);\n",
		},
	})
}
