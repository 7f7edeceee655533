import { buildRssFeed } from "@/lib/seo/feed";
import { loadCorrectionsFeed, loadFeed, type FeedTarget } from "@/lib/seo/load";
import { buildCorrectionsFeed } from "@/lib/seo/corrections-feed";
import { notFoundResponse, xmlResponse } from "@/lib/request/crawler-http";
import { getSite } from "@/lib/config/site";
import { withContent } from "@/lib/request/http";
import { cacheTags } from "@/lib/request/cache-tags";

/**
 * /<section path>/feed.xml and /authors/<slug>/feed.xml arrive here through the next.config.ts
 * rewrite `/:path+/feed.xml` → `/feeds/:path+`: a feed.xml route under the [...path] catch-all is
 * rejected by Next (docs/decisions/0010). "authors" and "corrections" are reserved section slugs, so
 * /authors/<slug>/feed.xml and /corrections/feed.xml are unambiguous.
 */
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ path: string[] }> };

function target(segments: string[]): FeedTarget {
  if (segments.length === 2 && segments[0] === "authors") return { kind: "author", slug: segments[1] };
  if (segments.length === 1 && segments[0] === "corrections") return { kind: "corrections" };
  return { kind: "section", path: segments.join("/") };
}

export const GET = withContent(async (_request: Request, { params }: Props) => {
  const feedTarget = target((await params).path);
  if (feedTarget.kind === "corrections") {
    return xmlResponse(buildCorrectionsFeed(getSite(), await loadCorrectionsFeed(), new Date()), "application/rss+xml", [cacheTags.corrections]);
  }
  const feed = await loadFeed(feedTarget);
  if (!feed) return notFoundResponse();
  const tag = feedTarget.kind === "author" ? cacheTags.author(feedTarget.slug) : feedTarget.kind === "section" ? cacheTags.section(feedTarget.path) : cacheTags.home;
  return xmlResponse(buildRssFeed(getSite(), feed.spec, feed.articles, new Date()), "application/rss+xml", [tag]);
});
