import { buildRssFeed } from "@/lib/seo/feed";
import { loadFeed } from "@/lib/seo/load";
import { xmlResponse } from "@/lib/seo/http";
import { getSite } from "@/lib/site";
import { cacheTags } from "@/lib/revalidation";

// The site feed. Section and author feeds are rewritten to app/feeds/[...path] (next.config.ts).
export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const feed = await loadFeed({ kind: "site" });
  return xmlResponse(buildRssFeed(getSite(), feed!.spec, feed!.articles, new Date()), "application/rss+xml", [cacheTags.feed]);
}
