<?php
/**
 * The base configuration for WordPress
 */

// ** Database settings ** //
define( 'DB_NAME', 'legacy_cms' );
define( 'DB_USER', 'cms_user' );
define( 'DB_PASSWORD', 'Px8!vK3qTm6z' );
define( 'DB_HOST', 'cms-mysql.internal' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );

/**#@+
 * Authentication unique keys and salts.
 */
define( 'AUTH_KEY',         'q8#vL2m!Xz7Kr9@Tw3Bn5$Cy1Hd4%Fg6Ja0^Ue2IoPl7' );
define( 'SECURE_AUTH_KEY',  'Zr3Tk6&Mv8Nb4*Hc2Jd5(Fg7Ja1)Ue3IoPl5_SxWq7+Zr1' );
define( 'LOGGED_IN_KEY',    'put your unique phrase here' );
define( 'NONCE_KEY',        'put your unique phrase here' );
define( 'AUTH_SALT',        'Tk3Mv|Q8vL2m;Xz7Kr9:Tw3Bn5<Cy1Hd4>Fg6Ja0,Ue2Io' );

define( 'WP_DEBUG', false );
define( 'WP_REDIS_PASSWORD', getenv( 'WP_REDIS_PASSWORD' ) );

$table_prefix = 'wp_';

if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
