<?php
/*
 * Aegir: set the admin user's password (after prelude.php). WordPress is loaded with its plugins,
 * so a plugin that replaces wp_set_password() (bcrypt, for one) hashes the password its own way.
 * AEGIR_WP_PARAMS: {"admin_user"}; the password comes from AEGIR_ADMIN_PASSWORD.
 */
require $aegir_core . '/wp-load.php';

$aegir_params = aegir_params();
$aegir_password = aegir_env('AEGIR_ADMIN_PASSWORD');
$aegir_login = isset($aegir_params['admin_user']) ? (string) $aegir_params['admin_user'] : '';
$aegir_user = get_user_by('login', $aegir_login);
if (!$aegir_user) {
    aegir_fail("there is no user '$aegir_login' in this site");
}
wp_set_password($aegir_password, $aegir_user->ID);
clean_user_cache($aegir_user->ID);
$aegir_user = get_user_by('id', $aegir_user->ID);
if (!$aegir_user || !wp_check_password($aegir_password, $aegir_user->user_pass, $aegir_user->ID)) {
    aegir_fail("the new password of '$aegir_login' does not check out");
}
echo "password of '$aegir_login' changed\n";
$GLOBALS['aegir_done'] = true;
