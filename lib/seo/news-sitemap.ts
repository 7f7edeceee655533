/**
 * /news-sitemap.xml in the Google News format: visible articles published in the last 48 hours,
 * newest first, at most 1,000. Next's MetadataRoute.Sitemap has no news namespace (TOOLCHAIN.md),
 * so this is a template with escaping. Pure: model objects and `now` in, XML out.
 */
import type { ArticleSummary } from "../sources/types";
import { isVisible } from "../sources/rules";
import type { SeoSite } from "./jsonld";
import { absoluteOn, escapeXml } from "./xml";

export const NEWS_WINDOW_MS = 48 * 60 * 60 * 1000;
export const NEWS_MAX_URLS = 1000;

/**
 * Visible at `now`, published no more than 48 hours before it; newest first; capped. Sponsored
 * pieces are advertising, not news: Google News must never list them.
 */
export function newsArticles(articles: ArticleSummary[], now: Date, limit = NEWS_MAX_URLS): ArticleSummary[] {
  const from = now.getTime() - NEWS_WINDOW_MS;
  return articles
    .filter((a) => isVisible(a, now) && Date.parse(a.publishedAt) >= from && a.kind !== "sponsored")
    .sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt) || a.slug.localeCompare(b.slug))
    .slice(0, limit);
}

/** Google News wants an ISO 639 code: "en" for "en-GB", except Chinese, which keeps zh-cn / zh-tw. */
export function newsLanguage(language: string): string {
  const lower = language.toLowerCase();
  if (lower.startsWith("zh")) return lower.includes("tw") || lower.includes("hant") ? "zh-tw" : "zh-cn";
  return lower.split(/[-_]/)[0];
}

export function buildNewsSitemap(site: Pick<SeoSite, "name" | "url" | "language">, articles: ArticleSummary[], now: Date, limit = NEWS_MAX_URLS): string {
  const language = escapeXml(newsLanguage(site.language));
  const name = escapeXml(site.name);
  const urls = newsArticles(articles, now, limit).map(
    (a) =>
      `  <url>\n    <loc>${escapeXml(absoluteOn(site.url, a.url))}</loc>\n    <news:news>\n      <news:publication>\n        <news:name>${name}</news:name>\n        <news:language>${language}</news:language>\n      </news:publication>\n      <news:publication_date>${escapeXml(a.publishedAt)}</news:publication_date>\n      <news:title>${escapeXml(a.title)}</news:title>\n    </news:news>\n  </url>\n`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n${urls.join("")}</urlset>\n`;
}
