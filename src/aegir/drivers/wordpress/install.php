<?php
/*
 * Aegir: install WordPress into a site's empty database (after prelude.php).
 * AEGIR_WP_PARAMS: {"title", "admin_user", "admin_email", "language", "permalink_structure"};
 * the admin password comes from the environment variable AEGIR_ADMIN_PASSWORD.
 */

/* The install mail would need a local MTA; the admin learns the password from Aegir instead. */
function wp_new_blog_notification($blog_title, $blog_url, $user_id, $password)
{
}

define('WP_INSTALLING', true);
require $aegir_core . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

$aegir_params = aegir_params();
$aegir_password = aegir_env('AEGIR_ADMIN_PASSWORD');
foreach (array('title', 'admin_user', 'admin_email') as $aegir_key) {
    if (!isset($aegir_params[$aegir_key]) || !is_string($aegir_params[$aegir_key]) || $aegir_params[$aegir_key] === '') {
        aegir_fail("AEGIR_WP_PARAMS has no '$aegir_key'");
    }
}
if (is_blog_installed()) {
    aegir_fail('WordPress is already installed in database ' . DB_NAME . ': refusing to install over it', 3);
}
wp_install(
    $aegir_params['title'],
    $aegir_params['admin_user'],
    $aegir_params['admin_email'],
    true,
    '',
    $aegir_password,
    isset($aegir_params['language']) ? (string) $aegir_params['language'] : ''
);
$aegir_user = get_user_by('login', $aegir_params['admin_user']);
if (!$aegir_user || !wp_check_password($aegir_password, $aegir_user->user_pass, $aegir_user->ID)) {
    aegir_fail("the admin user '{$aegir_params['admin_user']}' was not created with the given password");
}
if (!empty($aegir_params['permalink_structure'])) {
    /* The web server sends every unknown path to index.php, so pretty permalinks work. */
    $GLOBALS['wp_rewrite']->set_permalink_structure((string) $aegir_params['permalink_structure']);
    flush_rewrite_rules(false);
}
echo 'installed WordPress ', $GLOBALS['wp_version'], ' at ', home_url('/'), ' with admin user ', $aegir_user->user_login, "\n";
$GLOBALS['aegir_done'] = true;
