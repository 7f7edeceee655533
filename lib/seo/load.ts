/**
 * Reads what the sitemap, news sitemap and feed builders need from the active content source.
 * The only impure part of lib/seo besides metadata.ts; route handlers call these, then a builder.
 */
import type { Article, ArticleSummary, ContentSource, CorrectionEntry, ListQuery } from "../sources/types";
import { getContentSource } from "../sources/source";
import { getSite } from "../config/site";
import { buildSitemap, renderUrlset, type SitemapEntry, type SitemapInput } from "./sitemap";
import { MONTH_MAX_URLS, monthRange, renderArchiveIndex } from "./archive-sitemap";
import { absoluteOn } from "./xml";
import { isVisible } from "../sources/rules";
import type { FeedSpec } from "./feed";
import { FEED_SIZE } from "./feed";
import { CORRECTIONS_FEED_SIZE } from "./corrections-feed";
import { getI18n } from "../i18n/translate";
import { authorPath, feedPath, tagPath } from "../request/paths";
import { readArticle } from "../pages/enhance";

const PAGE = 50; // the source's largest page

/**
 * Visible articles newest first, page by page, until `limit` items or until `stop` says the rest
 * is too old (the news sitemap needs only 48 hours, not the archive).
 */
export async function collectArticles(
  query: Omit<ListQuery, "page" | "perPage" | "preview">,
  { limit = Infinity, stop }: { limit?: number; stop?: (a: ArticleSummary) => boolean } = {},
  source: ContentSource = getContentSource(),
): Promise<ArticleSummary[]> {
  const out: ArticleSummary[] = [];
  for (let page = 1; ; page++) {
    const list = await source.listArticles({ ...query, page, perPage: PAGE });
    for (const a of list.items) {
      if (stop?.(a) || out.length >= limit) return out;
      out.push(a);
    }
    if (page >= list.totalPages || list.items.length === 0) return out;
  }
}

export async function loadSitemapInput(now: Date, source: ContentSource = getContentSource()): Promise<SitemapInput> {
  const [articles, sections, authors, pages, corrections] = await Promise.all([
    collectArticles({}, {}, source),
    source.getSections(),
    source.getAuthors(),
    source.getPages(),
    source.listCorrections({ perPage: 1 }),
  ]);
  const site = getSite();
  const newest = corrections.items[0]?.correction.date;
  return {
    siteUrl: site.url,
    articles,
    sections,
    authors,
    pages,
    corrections: newest ? { lastmod: newest } : {},
    now,
    language: site.language,
    editions: site.editions,
  };
}

/** Whether the archive is large enough for /sitemap.xml to be an index of bounded children. */
export async function isLargeArchive(source: ContentSource = getContentSource()): Promise<boolean> {
  return (await source.listArticles({ perPage: 1 })).total > source.sitemapSingleMax;
}

/**
 * /sitemap.xml: one urlset for a small site (everything in one document, exact lastmods); for a
 * large archive an index of the pages child and one child per month, read from the months alone.
 */
export async function loadSitemapDocument(now: Date, source: ContentSource = getContentSource()): Promise<string> {
  if (!(await isLargeArchive(source))) return buildSitemap(await loadSitemapInput(now, source));
  const [months, newest] = await Promise.all([source.archiveMonths(), source.lastUpdated({})]);
  return renderArchiveIndex(getSite().url, newest ?? undefined, months);
}

/**
 * The pages child: home, sections, authors and the tags with visible articles. A list's lastmod is
 * the update time of its newest article (one bounded read per list; the small-site urlset takes the
 * newest update of any of its articles).
 */
export async function loadPagesSitemap(source: ContentSource = getContentSource()): Promise<string> {
  const siteUrl = getSite().url;
  const entry = (path: string, lastmod: string | undefined): SitemapEntry => (lastmod ? { loc: absoluteOn(siteUrl, path), lastmod } : { loc: absoluteOn(siteUrl, path) });
  const flat = (list: Awaited<ReturnType<ContentSource["getSections"]>>): string[] => list.flatMap((s) => [s.path, ...flat(s.children)]);
  const [sections, authors, tags] = await Promise.all([source.getSections(), source.getAuthors(), source.getTags()]);
  const lists: { path: string; query: Pick<ListQuery, "section" | "author" | "tag">; always: boolean }[] = [
    { path: "/", query: {}, always: true },
    ...flat(sections).map((path) => ({ path: `/${path}`, query: { section: path }, always: true })),
    ...[...authors].sort((a, b) => a.slug.localeCompare(b.slug)).map((a) => ({ path: authorPath(a.slug), query: { author: a.slug }, always: true })),
    ...[...tags].sort((a, b) => a.slug.localeCompare(b.slug)).map((t) => ({ path: tagPath(t.slug), query: { tag: t.slug }, always: false })),
  ];
  // One read per list, a few at a time: with WordPress each is a REST request.
  const lastmods = await mapConcurrently(lists, PAGES_CHILD_READS, async (list) => (await source.lastUpdated(list.query)) ?? undefined);
  return renderUrlset(lists.flatMap((list, i) => (list.always || lastmods[i] ? [entry(list.path, lastmods[i])] : [])));
}

/** How many of the pages child's reads run at once. */
const PAGES_CHILD_READS = 6;

/** `fn` over `items`, at most `limit` at a time, results in the items' order. */
async function mapConcurrently<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** One month's child: its visible articles, newest first — a bounded date-range read. */
export async function loadMonthSitemap(month: string, now: Date, source: ContentSource = getContentSource()): Promise<string> {
  const siteUrl = getSite().url;
  const articles = await collectArticles(monthRange(month), { limit: MONTH_MAX_URLS }, source);
  if (articles.length >= MONTH_MAX_URLS) console.warn(`Sitemap month ${month} has more than ${MONTH_MAX_URLS} articles: the rest are left out`);
  return renderUrlset(articles.filter((a) => isVisible(a, now)).map((a) => ({ loc: absoluteOn(siteUrl, a.url), lastmod: a.updatedAt })));
}

/** The newest visible articles with their bodies, for a feed (a sponsored piece's links marked as on the page). */
async function withBodies(summaries: ArticleSummary[], source: ContentSource): Promise<Article[]> {
  const full = await Promise.all(summaries.map((s) => readArticle(s.slug, undefined, source)));
  return full.filter((a): a is Article => a !== null);
}

export type FeedTarget = { kind: "site" } | { kind: "section"; path: string } | { kind: "author"; slug: string } | { kind: "corrections" };

/** The newest corrections of visible articles, for /corrections/feed.xml. */
export async function loadCorrectionsFeed(source: ContentSource = getContentSource()): Promise<CorrectionEntry[]> {
  return (await source.listCorrections({ page: 1, perPage: CORRECTIONS_FEED_SIZE })).items;
}

/** The feed's channel description and its articles, or null when the section or author does not exist. */
export async function loadFeed(target: Exclude<FeedTarget, { kind: "corrections" }>, source: ContentSource = getContentSource()): Promise<{ spec: FeedSpec; articles: Article[] } | null> {
  const site = getSite();
  const { t } = getI18n();
  if (target.kind === "site") {
    const summaries = await collectArticles({}, { limit: FEED_SIZE }, source);
    return {
      spec: { title: site.name, description: site.description || site.name, pagePath: "/", feedPath: "/feed.xml" },
      articles: await withBodies(summaries, source),
    };
  }
  if (target.kind === "section") {
    const section = await source.getSection(target.path);
    if (!section) return null;
    const summaries = await collectArticles({ section: section.path }, { limit: FEED_SIZE }, source);
    return {
      spec: {
        title: t("feed.title", { name: section.name, siteName: site.name }),
        description: section.description ?? t("section.description", { section: section.name, siteName: site.name }),
        pagePath: `/${section.path}`,
        feedPath: `/${section.path}/feed.xml`,
      },
      articles: await withBodies(summaries, source),
    };
  }
  const author = await source.getAuthor(target.slug);
  if (!author) return null;
  const summaries = await collectArticles({ author: author.slug }, { limit: FEED_SIZE }, source);
  return {
    spec: {
      title: t("feed.title", { name: author.name, siteName: site.name }),
      description: t("author.description", { name: author.name, siteName: site.name }),
      pagePath: authorPath(author.slug),
      feedPath: feedPath(authorPath(author.slug)),
    },
    articles: await withBodies(summaries, source),
  };
}
