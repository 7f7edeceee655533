import { buildRssFeed } from "@/lib/seo/feed";
import { loadFeed } from "@/lib/seo/load";
import { xmlResponse } from "@/lib/request/crawler-http";
import { getSite } from "@/lib/config/site";
import { withContent } from "@/lib/request/http";
import { cacheTags } from "@/lib/request/cache-tags";

// The site feed. Section and author feeds are rewritten to app/feeds/[...path] (next.config.ts).
export const dynamic = "force-dynamic";

export const GET = withContent(async () => {
  const feed = await loadFeed({ kind: "site" });
  return xmlResponse(buildRssFeed(getSite(), feed!.spec, feed!.articles, new Date()), "application/rss+xml", [cacheTags.home]);
});
