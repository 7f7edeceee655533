<?php
/**
 * Writes the sample newsroom (tests/fixtures/conformance/newsroom.json) into WordPress the way an
 * editor would have: nested categories, authors with bios and an avatar, tags, featured images
 * with alt text, caption and credit, posts with <h2> subheadings, an old slug, a draft and a
 * scheduled post, kinds of work and dated corrections (post meta read by the mu-plugin), standing
 * pages (top-level pages, one a draft, with their navigation place in page meta), and a post of body
 * media (embed, image, gallery, pullquote, table and audio blocks). Everything it created last time
 * is deleted first, so running it again reseeds.
 * Prints WORDPRESS_USER=… and WORDPRESS_APP_PASSWORD=… (a fresh application password for a
 * dedicated editor account) on stdout; setup.sh writes them to scripts/wordpress/.env.wordpress.
 *
 *   php8.2 seed.php path/to/newsroom.json
 */
require __DIR__ . '/bootstrap.php';
require_once ABSPATH . 'wp-admin/includes/user.php';
require_once ABSPATH . 'wp-admin/includes/image.php';
require_once ABSPATH . 'wp-admin/includes/file.php';
require_once ABSPATH . 'wp-admin/includes/media.php';

const PREVIEW_LOGIN = 'masthead-preview';
const APP_PASSWORD_NAME = 'masthead';

function fail(string $message): void {
    fwrite(STDERR, "seed: $message\n");
    exit(1);
}
function check($result, string $what) {
    if (is_wp_error($result)) fail("$what: " . $result->get_error_message());
    return $result;
}
function note(string $message): void {
    fwrite(STDERR, "  $message\n");
}

$file = $argv[1] ?? fail('usage: seed.php newsroom.json');
$data = json_decode(file_get_contents($file), true, 512, JSON_THROW_ON_ERROR);
$images = dirname(realpath($file)) . '/images';

// The seed acts as an administrator (who has unfiltered_html): the bodies keep their <script>,
// onerror= and javascript: links, so the tests prove Masthead's own sanitiser removes them.
kses_remove_filters();
wp_set_current_user(1);

update_option('blogname', $data['site']['name']);
update_option('blogdescription', $data['site']['description']);
// A site time zone away from UTC: `date` differs from `date_gmt`, and Masthead must read the latter.
update_option('timezone_string', $data['timeZone']);
update_option('gmt_offset', '');

// 1. Forget the previous seed.
$old = get_posts([
    'post_type' => ['post', 'page', 'attachment', 'revision'], // pages too: install's "Sample Page" would list admin as an author
    'post_status' => ['publish', 'future', 'draft', 'pending', 'private', 'trash', 'auto-draft', 'inherit'],
    'numberposts' => -1,
    'fields' => 'ids',
]);
foreach ($old as $id) {
    get_post_type($id) === 'attachment' ? wp_delete_attachment($id, true) : wp_delete_post($id, true);
}
$default_category = (int) get_option('default_category');
foreach (get_terms(['taxonomy' => ['category', 'post_tag'], 'hide_empty' => false]) as $term) {
    if ($term->taxonomy === 'category' && $term->term_id === $default_category) continue;
    wp_delete_term($term->term_id, $term->taxonomy);
}
foreach (get_users(['fields' => 'ids']) as $id) {
    if ((int) $id !== 1) wp_delete_user((int) $id, 1);
}
note('cleared the previous seed');

// 2. Sections → nested categories.
$categories = [];
$add_sections = function (array $sections, int $parent, string $prefix) use (&$add_sections, &$categories) {
    foreach ($sections as $s) {
        $term = check(wp_insert_term($s['name'], 'category', [
            'slug' => $s['slug'],
            'parent' => $parent,
            'description' => $s['description'] ?? '',
        ]), "category {$s['slug']}");
        $path = $prefix === '' ? $s['slug'] : "$prefix/{$s['slug']}";
        $categories[$path] = (int) $term['term_id'];
        $add_sections($s['children'] ?? [], (int) $term['term_id'], $path);
    }
};
$add_sections($data['sections'], 0, '');

// 3. Images: upload a file from the fixture folder as an attachment.
$upload = function (string $name, int $parent, array $fields = []) use ($images): int {
    $tmp = wp_tempnam($name);
    copy("$images/$name", $tmp);
    $id = check(media_handle_sideload(['name' => $name, 'tmp_name' => $tmp], $parent, null, $fields), "image $name");
    return (int) $id;
};

// 4. Authors.
$authors = [];
foreach ($data['authors'] as $a) {
    $id = check(wp_insert_user([
        'user_login' => $a['slug'],
        'user_nicename' => $a['slug'],
        'user_email' => "{$a['slug']}@ellery-cove.example",
        'user_pass' => wp_generate_password(24),
        'display_name' => $a['name'],
        'nickname' => $a['name'],
        'description' => $a['bio'],
        'role' => 'author',
    ]), "author {$a['slug']}");
    if (!empty($a['avatar'])) {
        update_user_meta($id, 'masthead_avatar_id', $upload($a['avatar'], 0, ['post_title' => $a['name'], 'post_author' => $id]));
    }
    $authors[$a['slug']] = (int) $id;
}

// 5. Articles.
foreach ($data['articles'] as $a) {
    // Media the body uses (image, gallery and audio blocks): uploaded first, then {{url:FILE}} and
    // {{id:FILE}} in the body become the attachment's URL and id, as the block editor writes them.
    // WordPress adds width, height, srcset and sizes to those images when it renders the post.
    $body = $a['body'];
    foreach ($a['media'] ?? [] as $file) {
        $media_id = $upload($file, 0, ['post_author' => $authors[$a['author']]]);
        $body = str_replace(['{{url:' . $file . '}}', '{{id:' . $file . '}}'], [wp_get_attachment_url($media_id), (string) $media_id], $body);
    }
    $gmt = gmdate('Y-m-d H:i:s', strtotime($a['publishedAt']));
    $status = ($a['status'] ?? 'published') === 'draft' ? 'draft' : 'publish'; // a future date turns "publish" into "future"
    $id = check(wp_insert_post([
        'post_type' => 'post',
        'post_title' => $a['title'],
        'post_name' => $a['slug'],
        'post_content' => $body,
        'post_excerpt' => $a['description'] ?? '',
        'post_status' => $status,
        'post_author' => $authors[$a['author']] ?? fail("unknown author {$a['author']}"),
        'post_date' => get_date_from_gmt($gmt),
        'post_date_gmt' => $gmt,
        'post_category' => [$categories[$a['section']] ?? fail("unknown section {$a['section']}")],
        'tags_input' => $a['tags'] ?? [],
        'comment_status' => 'closed',
    ], true), "post {$a['slug']}");

    if (!empty($a['updatedAt'])) {
        // wp_insert_post stamps a new post's modified date with its publication date; an update
        // made later is written directly, as if an editor had saved it then.
        $modified = gmdate('Y-m-d H:i:s', strtotime($a['updatedAt']));
        $GLOBALS['wpdb']->update($GLOBALS['wpdb']->posts, ['post_modified_gmt' => $modified, 'post_modified' => get_date_from_gmt($modified)], ['ID' => $id]);
        clean_post_cache($id);
    }
    // The test WordPress cannot reach YouTube or X: what their oEmbed endpoints answer is put in
    // WordPress's own oEmbed cache (post meta, keyed as WP_Embed::shortcode() looks it up), so the
    // REST API renders the embed blocks as a connected WordPress would.
    foreach ($a['oembed'] ?? [] as $url => $html) {
        $key = md5($url . serialize(wp_embed_defaults($url)));
        update_post_meta($id, "_oembed_$key", $html);
        update_post_meta($id, "_oembed_time_$key", time());
    }
    // WordPress records a changed slug in _wp_old_slug (wp_check_for_changed_slugs); write it directly.
    foreach ($a['redirectFrom'] ?? [] as $old_slug) add_post_meta($id, '_wp_old_slug', $old_slug);
    if (!empty($a['related'])) update_post_meta($id, 'masthead_related', $a['related']);
    // Kind of work and corrections as an editor types them into Custom Fields: a word, and JSON.
    if (!empty($a['kind'])) update_post_meta($id, 'masthead_kind', $a['kind']);
    if (!empty($a['corrections'])) update_post_meta($id, 'masthead_corrections', wp_slash(wp_json_encode($a['corrections'], JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES)));

    if (!empty($a['image'])) {
        $image = $a['image'];
        // Owned by the article's author: WordPress lists a user publicly once they own published content.
        $attachment = $upload($image['file'], $id, ['post_excerpt' => $image['caption'] ?? '', 'post_author' => $authors[$a['author']]]);
        update_post_meta($attachment, '_wp_attachment_image_alt', $image['alt']);
        if (!empty($image['credit'])) {
            // The credit WordPress reads from a photo's IPTC data (media_details.image_meta.credit).
            $meta = wp_get_attachment_metadata($attachment);
            $meta['image_meta']['credit'] = $image['credit'];
            wp_update_attachment_metadata($attachment, $meta);
        }
        set_post_thumbnail($id, $attachment);
    }
    note(sprintf('%-8s %s', get_post_status($id), $a['slug']));
}

// 6. Standing pages: top-level pages, dated by their last edit, placed in the navigation by meta.
foreach ($data['pages'] ?? [] as $p) {
    $id = check(wp_insert_post([
        'post_type' => 'page',
        'post_title' => $p['title'],
        'post_name' => $p['slug'],
        'post_content' => $p['body'],
        'post_status' => ($p['status'] ?? 'published') === 'draft' ? 'draft' : 'publish',
        // One of the newsroom's authors: WordPress lists the owner of published content as an author.
        'post_author' => $authors[$data['authors'][0]['slug']],
        'comment_status' => 'closed',
    ], true), "page {$p['slug']}");
    $modified = gmdate('Y-m-d H:i:s', strtotime($p['updatedAt']));
    $GLOBALS['wpdb']->update($GLOBALS['wpdb']->posts, ['post_modified_gmt' => $modified, 'post_modified' => get_date_from_gmt($modified)], ['ID' => $id]);
    clean_post_cache($id);
    if (!empty($p['nav'])) update_post_meta($id, 'masthead_nav', $p['nav']);
    note(sprintf('%-8s page %s', get_post_status($id), $p['slug']));
}

// 7. A least-privileged account for preview (an editor can read everyone's drafts) and a fresh
//    application password for it.
$preview = get_user_by('login', PREVIEW_LOGIN);
$preview_id = $preview ? $preview->ID : check(wp_insert_user([
    'user_login' => PREVIEW_LOGIN,
    'user_email' => PREVIEW_LOGIN . '@ellery-cove.example',
    'user_pass' => wp_generate_password(24),
    'display_name' => 'Masthead preview',
    'role' => 'editor',
]), 'preview user');
foreach (WP_Application_Passwords::get_user_application_passwords($preview_id) as $item) {
    if ($item['name'] === APP_PASSWORD_NAME) WP_Application_Passwords::delete_application_password($preview_id, $item['uuid']);
}
[$password] = check(WP_Application_Passwords::create_new_application_password($preview_id, ['name' => APP_PASSWORD_NAME]), 'application password');

echo 'WORDPRESS_USER=' . PREVIEW_LOGIN . "\n";
echo "WORDPRESS_APP_PASSWORD=$password\n";
