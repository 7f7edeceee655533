<?php
/**
 * Plugin Name: Masthead connector
 * Description: What Masthead (a Next.js front end) needs from WordPress: old slugs and editor picks
 *   in the REST API, local author avatars, preview links that open Masthead's draft mode, slugs for
 *   drafts, and a webhook that revalidates Masthead's cache when a post changes.
 *
 * Install: copy into wp-content/mu-plugins/. Configure in wp-config.php (all optional):
 *   define('MASTHEAD_SITE_URL', 'https://news.example');   // the Masthead site
 *   define('MASTHEAD_PREVIEW_SECRET', '…');                 // = PREVIEW_SECRET of the site
 *   define('MASTHEAD_REVALIDATE_SECRET', '…');              // = REVALIDATE_SECRET of the site
 */

if (!defined('ABSPATH')) exit;

function masthead_setting(string $name): string {
    return defined($name) ? (string) constant($name) : '';
}

/* ---- REST: old slugs (WordPress keeps them in _wp_old_slug when an editor changes a slug) ---- */

add_action('rest_api_init', function () {
    register_rest_field('post', 'masthead_old_slugs', [
        'get_callback' => fn(array $post) => array_values(array_map('strval', get_post_meta($post['id'], '_wp_old_slug'))),
        'schema' => ['type' => 'array', 'items' => ['type' => 'string'], 'context' => ['view', 'edit', 'embed'], 'readonly' => true],
    ]);
    // Editor picks: slugs of related posts, in order.
    register_rest_field('post', 'masthead_related', [
        'get_callback' => function (array $post) {
            $value = get_post_meta($post['id'], 'masthead_related', true);
            return is_array($value) ? array_values(array_map('strval', $value)) : [];
        },
        'schema' => ['type' => 'array', 'items' => ['type' => 'string'], 'context' => ['view', 'edit'], 'readonly' => true],
    ]);
});

// GET /wp/v2/posts?old_slug=… finds the post that once had that slug.
add_filter('rest_post_collection_params', function (array $params) {
    $params['old_slug'] = [
        'description' => 'Limit to the post that previously used this slug.',
        'type' => 'string',
        'sanitize_callback' => fn($value) => sanitize_title((string) $value),
    ];
    return $params;
});
add_filter('rest_post_query', function (array $args, WP_REST_Request $request) {
    if (!empty($request['old_slug'])) {
        $args['meta_query'] = [['key' => '_wp_old_slug', 'value' => $request['old_slug'], 'compare' => '=']];
    }
    return $args;
}, 10, 2);

/* ---- Avatars: an uploaded picture (user meta masthead_avatar_id) instead of Gravatar ---- */

add_filter('pre_get_avatar_data', function (array $args, $id_or_email) {
    $user_id = 0;
    if (is_numeric($id_or_email)) $user_id = (int) $id_or_email;
    elseif ($id_or_email instanceof WP_User) $user_id = $id_or_email->ID;
    elseif ($id_or_email instanceof WP_Post) $user_id = (int) $id_or_email->post_author;
    elseif ($id_or_email instanceof WP_Comment) $user_id = (int) $id_or_email->user_id;
    elseif (is_string($id_or_email) && ($user = get_user_by('email', $id_or_email))) $user_id = $user->ID;
    $attachment = $user_id ? (int) get_user_meta($user_id, 'masthead_avatar_id', true) : 0;
    if ($attachment && ($url = wp_get_attachment_image_url($attachment, 'full'))) {
        $args['url'] = $url;
        $args['found_avatar'] = true;
    }
    return $args;
}, 10, 2);

/* ---- Drafts get a slug, so Masthead can preview them at /api/draft?slug=… ---- */

add_filter('wp_insert_post_data', function (array $data, array $postarr) {
    if ($data['post_type'] === 'post' && $data['post_name'] === '' && $data['post_title'] !== ''
        && in_array($data['post_status'], ['draft', 'pending'], true)) {
        $data['post_name'] = wp_unique_post_slug(sanitize_title($data['post_title']), (int) ($postarr['ID'] ?? 0), 'publish', 'post', (int) $data['post_parent']);
    }
    return $data;
}, 10, 2);

/* ---- Preview opens Masthead in draft mode ---- */

add_filter('preview_post_link', function (string $link, WP_Post $post) {
    $site = masthead_setting('MASTHEAD_SITE_URL');
    $secret = masthead_setting('MASTHEAD_PREVIEW_SECRET');
    if ($site === '' || $secret === '' || $post->post_type !== 'post' || $post->post_name === '') return $link;
    return add_query_arg(['secret' => rawurlencode($secret), 'slug' => rawurlencode($post->post_name)], rtrim($site, '/') . '/api/draft');
}, 10, 2);

/* ---- Revalidation webhook: publish, update, unpublish, trash ---- */

add_action('transition_post_status', function (string $new, string $old, WP_Post $post) {
    $site = masthead_setting('MASTHEAD_SITE_URL');
    $secret = masthead_setting('MASTHEAD_REVALIDATE_SECRET');
    // Only changes readers can see: something published before or after this save.
    if ($site === '' || $secret === '' || $post->post_type !== 'post' || ($new !== 'publish' && $old !== 'publish')) return;
    $slug = $post->post_name !== '' ? preg_replace('/__trashed$/', '', $post->post_name) : '';
    if ($slug === '') return;
    wp_remote_post(rtrim($site, '/') . '/api/revalidate', [
        'headers' => ['Authorization' => 'Bearer ' . $secret, 'Content-Type' => 'application/json'],
        'body' => wp_json_encode(['slug' => $slug]),
        'timeout' => 3,
        'blocking' => false,
    ]);
}, 10, 3);
