/**
 * The one step between a content source and every reader of content: an article (and a live blog's
 * updates) as readers get it, whichever page, feed or API reads it. Sources return what the files or
 * the CMS say; the ordered enhancers here shape it once, so a new reader cannot forget one (issue 26.5).
 * Readers: article pages (lib/pages/page-data.ts), live blog pages and their delta (lib/pages/live-page.ts,
 * lib/live/delta.ts), feeds (lib/seo/load.ts). Pure transforms of already-sanitised HTML.
 */
import { getContentSource } from "../sources/source";
import { getSite } from "../config/site";
import { markSponsoredLinks } from "../html/sponsored";
import type { Article, ContentSource, LiveUpdate, ReadOptions } from "../sources/types";

interface Context {
  siteUrl: string;
}

/** One enhancer: the article, and the live updates it owns (empty for any other article). */
type Enhancer = (article: Article, updates: LiveUpdate[], context: Context) => { article: Article; updates: LiveUpdate[] };

/** Paid links are declared as such (lib/html/sponsored.ts): in a sponsored article's body and in its live updates. */
const sponsoredLinks: Enhancer = (article, updates, { siteUrl }) =>
  article.kind !== "sponsored"
    ? { article, updates }
    : {
        article: { ...article, body: markSponsoredLinks(article.body, siteUrl) },
        updates: updates.map((u) => ({ ...u, body: markSponsoredLinks(u.body, siteUrl) })),
      };

/** In order; each receives what the one before returned. */
const ENHANCERS: Enhancer[] = [sponsoredLinks];

function enhance(article: Article, updates: LiveUpdate[]): { article: Article; updates: LiveUpdate[] } {
  const context = { siteUrl: getSite().url };
  return ENHANCERS.reduce((current, step) => step(current.article, current.updates, context), { article, updates });
}

/** An article as readers get it, or null when the source has none by that slug (for this reader). */
export async function readArticle(slug: string, options?: ReadOptions, source: ContentSource = getContentSource()): Promise<Article | null> {
  const article = await source.getArticleBySlug(slug, options);
  return article && enhance(article, []).article;
}

/** A live blog and its updates as readers get them, or null when the slug is not a live blog they may read. */
export async function readLiveBlog(
  slug: string,
  options?: ReadOptions,
  source: ContentSource = getContentSource(),
): Promise<{ article: Article; updates: LiveUpdate[] } | null> {
  const article = await source.getArticleBySlug(slug, options);
  const updates = article?.live ? await source.getLiveUpdates(slug, options) : null;
  return article && updates ? enhance(article, updates) : null;
}
