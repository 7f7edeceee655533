<?php
/**
 * Loads WordPress from the command line (Debian ships no wp-cli). Debian's wp-config.php picks
 * /etc/wordpress/config-$WORDPRESS_CONFIG.php, and WordPress wants a request-shaped $_SERVER.
 */
$masthead_url = getenv('MASTHEAD_WP_URL') ?: 'http://127.0.0.1:8088';
$masthead_parts = parse_url($masthead_url);
$_SERVER['WORDPRESS_CONFIG'] = getenv('WORDPRESS_CONFIG') ?: 'masthead';
$_SERVER['HTTP_HOST'] = $masthead_parts['host'] . (isset($masthead_parts['port']) ? ':' . $masthead_parts['port'] : '');
$_SERVER['SERVER_NAME'] = $masthead_parts['host'];
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';

// The install would mail the admin; there is no mail here.
function wp_new_blog_notification($blog_title, $blog_url, $user_id, $password) {}

require '/usr/share/wordpress/wp-load.php';
