package rules

import "github.com/zricethezav/gitleaks/v8/config"

// debconfPassword finds passwords preseeded with debconf-set-selections
// (Vagrant and Docker provisioning of MySQL, MariaDB, phpMyAdmin):
// "mysql-server mysql-server/root_password password …". The value is the
// database's root password, however weak.
func debconfPassword() Rule {
	return build(spec{
		id:          "debconf-preseed-password",
		description: "Password preseeded with debconf-set-selections",
		regex: `(?i)\b[\w.-]+[ \t]+[\w.-]+/[\w/-]*(?:password|pass)[\w-]*[ \t]+password[ \t]+` +
			`(?:"([^"\r\n]{4,})"|([^\s'"$]{4,}))`,
		keywords: []string{"password password", "pass password", "password_again password"},
		tags:     []string{"config", "password"},
		weakOK:   true,
		allow:    []*config.Allowlist{passwordPlaceholders()},
		tps: []string{
			"debconf-set-selections <<< 'mysql-server mysql-server/root_password password zork4711'\n",
			"echo \"mysql-server mysql-server/root_password_again password zork4711\" | debconf-set-selections\n",
			"echo 'phpmyadmin phpmyadmin/mysql/admin-pass password r00tpw' | debconf-set-selections\n",
		},
		fps: []string{
			"debconf-set-selections <<< \"mysql-server mysql-server/root_password password $DB_ROOT_PASSWORD\"\n",
			"echo 'mysql-server mysql-server/root_password password password' | debconf-set-selections\n",
			"echo 'phpmyadmin phpmyadmin/reconfigure-webserver multiselect apache2' | debconf-set-selections\n",
		},
	})
}
