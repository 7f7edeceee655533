<?php
/**
 * Adds an archive of N generated posts to the seeded WordPress (setup.sh --archive N), for the
 * sitemap's bounded month queries (issue 15): published every 9 hours going back from the oldest
 * sample post, in the seeded categories, by the seeded authors, with a few of the seeded tags and
 * a body of a few paragraphs with a subheading. Deterministic (no randomness); run after seed.php,
 * which deletes everything it finds, these posts included.
 *
 *   php8.2 archive.php 3000
 */
require __DIR__ . '/bootstrap.php';

$count = (int) ($argv[1] ?? 0);
if ($count < 1) {
    fwrite(STDERR, "usage: archive.php <number of posts>\n");
    exit(1);
}

kses_remove_filters();
wp_set_current_user(1);
// One term count and cache flush at the end instead of one per post.
wp_defer_term_counting(true);
wp_defer_comment_counting(true);
wp_suspend_cache_invalidation(true);

$categories = get_terms(['taxonomy' => 'category', 'hide_empty' => false, 'fields' => 'ids', 'exclude' => [(int) get_option('default_category')]]);
$tags = get_terms(['taxonomy' => 'post_tag', 'hide_empty' => false, 'fields' => 'names']);
$authors = get_users(['role' => 'author', 'fields' => 'ID']);
if (!$categories || !$authors) {
    fwrite(STDERR, "archive: seed the sample newsroom first (no categories or authors)\n");
    exit(1);
}
$oldest = get_posts(['numberposts' => 1, 'orderby' => 'date', 'order' => 'ASC', 'post_status' => 'publish']);
$start = $oldest ? strtotime($oldest[0]->post_date_gmt . ' UTC') : time();

$places = ['Ellery Cove', 'the north quay', 'Saltmarch', 'the ferry terminal', 'Kestle Point', 'the harbour wall', 'Greyhaven', 'the old cannery'];
$things = ['sea wall', 'ferry timetable', 'fish market', 'lifeboat station', 'harbour dredging', 'tide gauge', 'night market', 'lighthouse'];
$verbs = ['reopens', 'is delayed', 'gets funding', 'is reviewed', 'is extended', 'wins support', 'faces questions', 'is rebuilt'];

for ($i = 1; $i <= $count; $i++) {
    $place = $places[$i % count($places)];
    $thing = $things[($i * 3) % count($things)];
    $verb = $verbs[($i * 5) % count($verbs)];
    $title = ucfirst("$thing at $place $verb ($i)");
    $gmt = gmdate('Y-m-d H:i:s', $start - $i * 9 * 3600);
    $body = "<p>The $thing at $place $verb, the harbour board said on the " . ($i % 28 + 1) . "th.</p>\n"
        . "<p>Residents of $place were divided; the council will report back next month.</p>\n"
        . "<h2>What happens next</h2>\n<p>Work on the $thing is due to finish before the winter storms.</p>";
    $id = wp_insert_post([
        'post_type' => 'post',
        'post_title' => $title,
        'post_name' => sanitize_title("$thing $place $verb $i"),
        'post_content' => $body,
        'post_status' => 'publish',
        'post_author' => (int) $authors[$i % count($authors)],
        'post_date' => get_date_from_gmt($gmt),
        'post_date_gmt' => $gmt,
        'post_category' => [(int) $categories[$i % count($categories)]],
        'tags_input' => $tags ? [$tags[$i % count($tags)], $tags[($i * 7) % count($tags)]] : [],
        'comment_status' => 'closed',
        'ping_status' => 'closed',
    ], true);
    if (is_wp_error($id)) {
        fwrite(STDERR, "archive: post $i: " . $id->get_error_message() . "\n");
        exit(1);
    }
    if ($i % 500 === 0) fwrite(STDERR, "  $i posts\n");
}
wp_suspend_cache_invalidation(false);
wp_defer_term_counting(false);
wp_defer_comment_counting(false);
wp_cache_flush();
fwrite(STDERR, "  $count archive posts, oldest " . gmdate('Y-m-d', $start - $count * 9 * 3600) . "\n");
