/**
 * One WordPress post as the REST API sends it (`/wp/v2/posts`), for the WordPress source's unit tests:
 * post 8 "old-post" in category 2 by author 1 ("ann"), with the given body. `embedded` adds the author
 * the way WordPress does when `_embed` asks for it.
 */
export function wordpressPost(content: string, { embedded = true } = {}) {
  return {
    id: 8,
    slug: "old-post",
    status: "publish",
    date_gmt: "2026-10-01T08:00:00",
    title: { rendered: "Old" },
    content: { rendered: content },
    author: 1,
    categories: [2],
    ...(embedded ? { _embedded: { author: [{ id: 1, slug: "ann", name: "Ann" }] } } : {}),
  };
}
