import { buildNewsSitemap, NEWS_MAX_URLS, NEWS_WINDOW_MS } from "@/lib/seo/news-sitemap";
import { collectArticles } from "@/lib/seo/load";
import { xmlResponse } from "@/lib/request/crawler-http";
import { getSite } from "@/lib/config/site";
import { withContent } from "@/lib/request/http";

// A route handler because MetadataRoute.Sitemap has no Google News namespace (TOOLCHAIN.md).
export const dynamic = "force-dynamic";

export const GET = withContent(async () => {
  const now = new Date();
  const from = now.getTime() - NEWS_WINDOW_MS;
  // Newest first, so reading stops at the first article older than the window.
  const recent = await collectArticles({}, { limit: NEWS_MAX_URLS, stop: (a) => Date.parse(a.publishedAt) < from });
  return xmlResponse(buildNewsSitemap(getSite(), recent, now));
});
