<?php
/**
 * Installs WordPress without the web installer (wp_install()), then sets what Masthead relies on:
 * pretty permalinks (the REST API at /wp-json/), no comments, not indexed by search engines.
 * Safe to run again: an installed site only gets its options re-applied.
 */
define('WP_INSTALLING', true);
require __DIR__ . '/bootstrap.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

if (!is_blog_installed()) {
    $password = getenv('MASTHEAD_WP_ADMIN_PASSWORD') ?: wp_generate_password(24, false);
    $result = wp_install('Ellery Cove Courier (test WordPress)', 'admin', 'admin@ellery-cove.example', false, '', $password);
    if (is_wp_error($result)) {
        fwrite(STDERR, 'wp_install failed: ' . $result->get_error_message() . "\n");
        exit(1);
    }
    echo "> WordPress installed (user admin)\n";
} else {
    // A newer Debian package may need a database upgrade.
    wp_upgrade();
}

update_option('permalink_structure', '/%postname%/');
update_option('blog_public', '0');
update_option('default_comment_status', 'closed');
update_option('default_ping_status', 'closed');
update_option('posts_per_page', 10);
flush_rewrite_rules(false);
