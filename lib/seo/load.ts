/**
 * Reads what the sitemap, news sitemap and feed builders need from the active content source.
 * The only impure part of lib/seo besides metadata.ts; route handlers call these, then a builder.
 */
import type { Article, ArticleSummary, ContentSource, CorrectionEntry, ListQuery } from "../content/types";
import { getContentSource } from "../content/source";
import { getSite } from "../site";
import type { SitemapInput } from "./sitemap";
import type { FeedSpec } from "./feed";
import { FEED_SIZE } from "./feed";
import { CORRECTIONS_FEED_SIZE } from "./corrections-feed";
import { getI18n } from "../i18n/translate";
import { authorPath, feedPath } from "../paths";
import { withSponsoredLinks } from "../html/sponsored";

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

/** The newest visible articles with their bodies, for a feed (a sponsored piece's links marked as on the page). */
async function withBodies(summaries: ArticleSummary[], source: ContentSource): Promise<Article[]> {
  const full = await Promise.all(summaries.map((s) => source.getArticleBySlug(s.slug)));
  return full.filter((a): a is Article => a !== null).map((a) => withSponsoredLinks(a, getSite().url));
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
