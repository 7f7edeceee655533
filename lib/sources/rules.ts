/**
 * The content rules, written once: what a slug looks like, which names are taken by routes, who may
 * see an article, how a section's ancestry is walked and how related articles are ranked. Both content
 * sources, the router, the JSON API and the revalidation webhook import them from here, so a slug a
 * source produces is exactly a slug a route accepts.
 */
import type { ArticleSummary, Section } from "./types";

/** Article, author and section slugs: lower-case ASCII letters and digits, single hyphens. */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A section path: slugs joined by "/", e.g. "news/world-news". */
export const SECTION_PATH = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)*$/;

/**
 * Tag slugs are derived from names an editor types in any language ("Food & drink", "Café",
 * "اقتصاد"), so they may hold any lower-case letter, mark or digit — still single hyphens only.
 */
export const TAG_SLUG = /^[\p{Ll}\p{Lo}\p{Lm}\p{M}\p{N}]+(?:-[\p{Ll}\p{Lo}\p{Lm}\p{M}\p{N}]+)*$/u;

/**
 * A live update's id: its file name in the markdown folder, and what a reader's `since=` names in the
 * delta API (lib/live/delta.ts, which also bounds its length). Lower-case ASCII letters, digits, dashes.
 */
export const UPDATE_ID = /^[a-z0-9-]+$/;

/** A page number in a path (/news/page/2) or a cursor: 1 to 999,999, no leading zero. */
export const PAGE_NUMBER = /^[1-9][0-9]{0,5}$/;

/** The page number a path segment or parameter holds, or null when it holds none. */
export const parsePageNumber = (value: string): number | null => (PAGE_NUMBER.test(value) ? Number(value) : null);

export const isSlug = (value: string): boolean => value.length <= 200 && SLUG.test(value);
export const isTagSlug = (value: string): boolean => value.length <= 200 && TAG_SLUG.test(value);

/**
 * The slug of a tag name: lower case, every run of characters that are not letters, marks or digits
 * becomes one hyphen, none at either end. "Food & drink" → "food-drink" (github-slugger gave
 * "food--drink", which no route accepted).
 */
export function tagSlug(name: string): string {
  return name
    .normalize("NFC")
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 200)
    .replace(/-+$/, "");
}

/**
 * First path segments that are routes (or internal rewrite targets) of their own: no section, standing
 * page or top-level article may take them. The one list: lib/sources/reserved.test.ts ties it to the
 * folders of app/, the internal routes of lib/request/routing.ts and the paths proxy.ts leaves alone, so a new
 * route that is not listed here fails a test instead of shadowing (or being shadowed by) a section.
 */
export const RESERVED_SECTION_SLUGS: ReadonlySet<string> = new Set([
  "authors", "tags", "search", "api", "page", "feed.xml", "feeds", "content-images", "_next",
  "sitemap.xml", "news-sitemap.xml", "robots.txt", "sitemaps", "og", "corrections",
  // internal rewrite targets of proxy.ts (lib/request/routing.ts INTERNAL_ROUTES, the 503 page)
  "section-pages", "article-pages", "author-pages", "tag-pages", "standing-pages", "status-pages", "correction-pages", "live-pages",
  // third release (CONTENT.md): reader revenue and newsletters
  "support", "newsletters",
]);

/**
 * Reserved first segments whose route shows the standing page of the same slug: `/support` is the
 * donation box in full followed by `pages/support.md` (CONTENT.md). Such a page is allowed; a
 * section or an article still may not take the slug.
 */
export const PAGE_BACKED_ROUTES: ReadonlySet<string> = new Set(["support"]);

/** True when a standing page may have this slug (not a route of its own, or a route that shows it). */
export function pageSlugAllowed(slug: string): boolean {
  return !RESERVED_SECTION_SLUGS.has(slug) || PAGE_BACKED_ROUTES.has(slug);
}

/** Article slugs a route would shadow: `/<section>/page/2` is pagination, `/<section>/feed.xml` a feed. */
export const RESERVED_ARTICLE_SLUGS: ReadonlySet<string> = new Set(["page", "feed", "feed.xml"]);

/**
 * The visibility rule of CONTENT.md: a reader may see an article only when it is published and its
 * publication time has come. Everything else exists for preview (draft mode) only.
 */
export function isVisible(article: Pick<ArticleSummary, "status" | "publishedAt">, now: Date = new Date()): boolean {
  return article.status === "published" && Date.parse(article.publishedAt) <= now.getTime();
}

export function isScheduled(article: Pick<ArticleSummary, "status" | "publishedAt">, now: Date = new Date()): boolean {
  return article.status === "published" && Date.parse(article.publishedAt) > now.getTime();
}

/** What a reader (or, with `preview`, an editor in draft mode) may read: the article, or null. */
export function readable<T extends Pick<ArticleSummary, "status" | "publishedAt">>(
  article: T | null | undefined,
  options: { preview?: boolean } = {},
  now: Date = new Date(),
): T | null {
  if (!article) return null;
  return options.preview || isVisible(article, now) ? article : null;
}

/** The section and its ancestors, nearest first: ["news/world-news", "news"]. */
export function sectionAncestry(path: string, parentOf: (path: string) => string | undefined): string[] {
  const chain: string[] = [];
  for (let current: string | undefined = path; current && !chain.includes(current); current = parentOf(current)) {
    chain.push(current);
  }
  return chain;
}

/** The same walk over section objects, root first (breadcrumbs). */
export function sectionChain(section: Section, byPath: (path: string) => Section | null | undefined): Section[] {
  const chain: Section[] = [];
  for (let s: Section | null | undefined = section; s && !chain.includes(s); s = s.parentPath ? byPath(s.parentPath) : null) {
    chain.unshift(s);
  }
  return chain;
}

/** Newest first, then by slug, so equal dates always list in the same order. */
export function newestFirst(a: Pick<ArticleSummary, "publishedAt" | "slug">, b: Pick<ArticleSummary, "publishedAt" | "slug">): number {
  return Date.parse(b.publishedAt) - Date.parse(a.publishedAt) || a.slug.localeCompare(b.slug);
}

/** What the related-articles ranking looks at. */
export interface RelatedCandidates<T extends ArticleSummary> {
  /** Editor picks, in the editor's order. */
  picks: T[];
  /** Articles sharing at least one tag with the article (any order). */
  sharingTags: T[];
  /** For the section and then each ancestor section (nearest first): its newest articles. */
  bySection: T[][];
  /** The newest articles of the whole site. */
  newest: T[];
}

/**
 * The related-articles rule: editor picks first, then most tags in common (newest first among
 * equals), then the newest of the same section and of each ancestor section, then the newest of
 * the site — visible only, never the article itself, no duplicates. Sources gather the candidates
 * however they can; the ranking is this one function.
 */
export function rankRelated<T extends ArticleSummary>(
  article: Pick<ArticleSummary, "slug" | "tags">,
  candidates: RelatedCandidates<T>,
  limit: number,
  now: Date = new Date(),
): T[] {
  const chosen = new Map<string, T>();
  const take = (a: T) => {
    if (chosen.size < limit && a.slug !== article.slug && !chosen.has(a.slug) && isVisible(a, now)) chosen.set(a.slug, a);
  };
  candidates.picks.forEach(take);
  const own = new Set(article.tags.map((t) => t.slug));
  const shared = (a: T) => a.tags.reduce((n, t) => n + (own.has(t.slug) ? 1 : 0), 0);
  [...candidates.sharingTags]
    .map((a) => ({ a, n: shared(a) }))
    .filter(({ n }) => n > 0)
    .sort((x, y) => y.n - x.n || newestFirst(x.a, y.a))
    .forEach(({ a }) => take(a));
  for (const list of candidates.bySection) [...list].sort(newestFirst).forEach(take);
  [...candidates.newest].sort(newestFirst).forEach(take);
  return [...chosen.values()];
}

/** Every section of a tree by its path. */
export function sectionsByPath(tree: Section[]): Map<string, Section> {
  const out = new Map<string, Section>();
  const walk = (s: Section) => {
    out.set(s.path, s);
    s.children.forEach(walk);
  };
  tree.forEach(walk);
  return out;
}
