<?php
/**
 * Plugin Name: Masthead connector
 * Description: What Masthead (a Next.js front end) needs from WordPress: old slugs, editor picks,
 *   kinds of work, dated corrections and the navigation place of pages in the REST API, local author
 *   avatars, preview links that open Masthead's draft mode, slugs for drafts, and a webhook that
 *   revalidates Masthead's cache when a post or a page changes.
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

/* ---- Trust: kind of work and corrections on posts, navigation place on pages ----
 * Editors set them as custom fields (the "Custom Fields" panel, or the REST API):
 *   masthead_kind          news | opinion | analysis | review | explainer | obituary | sponsored
 *   masthead_corrections   a JSON list: [{"date": "2026-12-03", "text": "An earlier version said…"}]
 *   masthead_nav (pages)   header | footer | none (default footer)
 * Masthead validates them again: an unknown kind is shown as news, a correction without a date or
 * text is left out, each with a warning in its log.
 */
function masthead_corrections(int $post_id): array {
    $value = get_post_meta($post_id, 'masthead_corrections', true);
    if ($value === '' || $value === false) return [];
    if (is_string($value)) {
        $decoded = json_decode($value, true);
        // Not JSON: one empty entry, so Masthead says in its log that this post's corrections are unreadable.
        if (!is_array($decoded)) return [['date' => '', 'text' => '']];
        $value = $decoded;
    }
    if (!is_array($value)) return [];
    $out = [];
    foreach (array_values($value) as $item) {
        if (!is_array($item)) continue;
        $out[] = ['date' => (string) ($item['date'] ?? ''), 'text' => (string) ($item['text'] ?? '')];
    }
    return $out;
}

add_action('rest_api_init', function () {
    register_rest_field('post', 'masthead_kind', [
        'get_callback' => fn(array $post) => (string) get_post_meta($post['id'], 'masthead_kind', true) ?: 'news',
        'schema' => ['type' => 'string', 'context' => ['view', 'edit'], 'readonly' => true],
    ]);
    register_rest_field('post', 'masthead_corrections', [
        'get_callback' => fn(array $post) => masthead_corrections((int) $post['id']),
        'schema' => [
            'type' => 'array',
            'items' => ['type' => 'object', 'properties' => ['date' => ['type' => 'string'], 'text' => ['type' => 'string']]],
            'context' => ['view', 'edit'],
            'readonly' => true,
        ],
    ]);
    register_rest_field('page', 'masthead_nav', [
        'get_callback' => function (array $page) {
            $nav = (string) get_post_meta($page['id'], 'masthead_nav', true);
            return in_array($nav, ['header', 'footer', 'none'], true) ? $nav : 'footer';
        },
        'schema' => ['type' => 'string', 'enum' => ['header', 'footer', 'none'], 'context' => ['view', 'edit'], 'readonly' => true],
    ]);
});

// GET /wp/v2/posts?old_slug=… finds the post that once had that slug.
add_filter('rest_post_collection_params', function (array $params) {
    $params['old_slug'] = [
        'description' => 'Limit to the post that previously used this slug.',
        'type' => 'string',
        'sanitize_callback' => fn($value) => sanitize_title((string) $value),
    ];
    // GET /wp/v2/posts?masthead_corrected=1: only posts with corrections (the /corrections page).
    $params['masthead_corrected'] = [
        'description' => 'Limit to posts that carry corrections.',
        'type' => 'boolean',
    ];
    return $params;
});
add_filter('rest_post_query', function (array $args, WP_REST_Request $request) {
    $meta = [];
    if (!empty($request['old_slug'])) {
        $meta[] = ['key' => '_wp_old_slug', 'value' => $request['old_slug'], 'compare' => '='];
    }
    if (!empty($request['masthead_corrected'])) {
        $meta[] = ['key' => 'masthead_corrections', 'value' => ['', '[]', 'a:0:{}'], 'compare' => 'NOT IN'];
    }
    if ($meta) $args['meta_query'] = $meta;
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

/* ---- Drafts get a slug, so Masthead can preview them at /api/draft?slug=… (pages: ?page=…) ---- */

add_filter('wp_insert_post_data', function (array $data, array $postarr) {
    if (in_array($data['post_type'], ['post', 'page'], true) && $data['post_name'] === '' && $data['post_title'] !== ''
        && in_array($data['post_status'], ['draft', 'pending'], true)) {
        $data['post_name'] = wp_unique_post_slug(sanitize_title($data['post_title']), (int) ($postarr['ID'] ?? 0), 'publish', $data['post_type'], (int) $data['post_parent']);
    }
    return $data;
}, 10, 2);

/* ---- Preview opens Masthead in draft mode ---- */

add_filter('preview_post_link', function (string $link, WP_Post $post) {
    $site = masthead_setting('MASTHEAD_SITE_URL');
    $secret = masthead_setting('MASTHEAD_PREVIEW_SECRET');
    if ($site === '' || $secret === '' || !in_array($post->post_type, ['post', 'page'], true) || $post->post_name === '') return $link;
    $key = $post->post_type === 'page' ? 'page' : 'slug';
    return add_query_arg(['secret' => rawurlencode($secret), $key => rawurlencode($post->post_name)], rtrim($site, '/') . '/api/draft');
}, 10, 2);

/* ---- Revalidation webhook: publish, update, unpublish, trash (posts: {"slug"}, pages: {"page"}) ---- */

add_action('transition_post_status', function (string $new, string $old, WP_Post $post) {
    $site = masthead_setting('MASTHEAD_SITE_URL');
    $secret = masthead_setting('MASTHEAD_REVALIDATE_SECRET');
    // Only changes readers can see: something published before or after this save.
    if ($site === '' || $secret === '' || !in_array($post->post_type, ['post', 'page'], true) || ($new !== 'publish' && $old !== 'publish')) return;
    $slug = $post->post_name !== '' ? preg_replace('/__trashed$/', '', $post->post_name) : '';
    if ($slug === '') return;
    wp_remote_post(rtrim($site, '/') . '/api/revalidate', [
        'headers' => ['Authorization' => 'Bearer ' . $secret, 'Content-Type' => 'application/json'],
        'body' => wp_json_encode([$post->post_type === 'page' ? 'page' : 'slug' => $slug]),
        'timeout' => 3,
        'blocking' => false,
    ]);
}, 10, 3);
