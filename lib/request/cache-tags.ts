/**
 * Cache tags, named once. Pages and crawler documents carry them (the `Surrogate-Key` response
 * header, read by the production server's response cache and by the edge); WordPress data reads
 * carry them in Next's data cache. The revalidation webhook expires exactly these names
 * (lib/publishing/plan.ts); lib/request/cache-tags.test.ts checks that every tag expired is attached somewhere
 * and every tag attached is expired by some change.
 *
 * Values are ASCII (tag slugs, which may hold any letter, percent-encoded), so they are valid in HTTP
 * headers and as Next tags.
 */
const enc = (value: string) => encodeURIComponent(value);

export const cacheTags = {
  /** Every page and crawler document: expired by `{"all": true}`. */
  site: "site",
  /** Every WordPress response in Next's data cache. */
  wordpress: "wp",
  /** Every list of articles (home, sections, authors, tags; WordPress list queries). */
  lists: "list",
  sectionTree: "sections",
  authorList: "authors",
  tagList: "tags",
  home: "home",
  sitemap: "sitemap",
  /** One month's child of the sitemap index (kind "sitemap"; not expired by every publish). */
  sitemapMonth: (month: string) => `sitemap:${month}`,
  feed: "feed",
  /** The /corrections pages and feed. */
  corrections: "corrections",
  /** The list of standing pages (navigation, sitemap; WordPress reads). */
  pageList: "pages",
  page: (slug: string) => `page:${slug}`,
  article: (slug: string) => `article:${enc(slug)}`,
  section: (path: string) => `section:${path}`,
  author: (slug: string) => `author:${enc(slug)}`,
  tag: (slug: string) => `tag:${enc(slug)}`,
} as const;

/**
 * The tags of a public answer built from these articles (the JSON API's lists and searches): every
 * publish expires `list`, and each article's own tag expires it when that article changes or is
 * pulled, so no cache keeps listing a story that is gone (issue 27, item 6).
 */
export function articleListTags(slugs: readonly string[]): string {
  return [cacheTags.site, cacheTags.lists, ...new Set(slugs.map((slug) => cacheTags.article(slug)))].join(" ");
}

/** The response header that carries a response's tags (space-separated), for caches in front of Next. */
export const TAGS_HEADER = "Surrogate-Key";

/** The kind of a tag ("article:x" → "article"), for the attached-versus-expired check. */
export function tagKind(tag: string): string {
  return tag.split(":")[0];
}
