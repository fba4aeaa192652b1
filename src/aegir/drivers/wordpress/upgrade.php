<?php
/*
 * Aegir: bring a site's database up to the code after a code change, as wp-admin/upgrade.php does
 * (after prelude.php).
 */
define('WP_INSTALLING', true);
require $aegir_core . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

if (!is_blog_installed()) {
    aegir_fail('WordPress is not installed in database ' . DB_NAME);
}
$aegir_before = (int) get_option('db_version');
$aegir_wanted = (int) $GLOBALS['wp_db_version'];
if ($aegir_before > $aegir_wanted) {
    aegir_fail("the database schema ($aegir_before) is newer than this code's ($aegir_wanted): a downgrade is not possible", 4);
}
if ($aegir_before !== $aegir_wanted) {
    wp_upgrade();
}
wp_cache_flush();
$aegir_after = (int) get_option('db_version');
if ($aegir_after !== $aegir_wanted) {
    aegir_fail("the database schema is at $aegir_after after the upgrade, the code expects $aegir_wanted");
}
echo $aegir_before === $aegir_wanted
    ? "database schema $aegir_after is current\n"
    : "database schema upgraded from $aegir_before to $aegir_after\n";
$GLOBALS['aegir_done'] = true;
