import { buildRssFeed } from "@/lib/seo/feed";
import { loadFeed, type FeedTarget } from "@/lib/seo/load";
import { notFoundResponse, xmlResponse } from "@/lib/seo/http";
import { getSite } from "@/lib/site";
import { withContent } from "@/lib/http";
import { cacheTags } from "@/lib/cache-tags";

/**
 * /<section path>/feed.xml and /authors/<slug>/feed.xml arrive here through the next.config.ts
 * rewrite `/:path+/feed.xml` → `/feeds/:path+`: a feed.xml route under the [...path] catch-all is
 * rejected by Next (docs/decisions/0010). "authors" is a reserved section slug, so it is unambiguous.
 */
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ path: string[] }> };

function target(segments: string[]): FeedTarget {
  if (segments.length === 2 && segments[0] === "authors") return { kind: "author", slug: segments[1] };
  return { kind: "section", path: segments.join("/") };
}

export const GET = withContent(async (_request: Request, { params }: Props) => {
  const feedTarget = target((await params).path);
  const feed = await loadFeed(feedTarget);
  if (!feed) return notFoundResponse();
  const tag = feedTarget.kind === "author" ? cacheTags.author(feedTarget.slug) : feedTarget.kind === "section" ? cacheTags.section(feedTarget.path) : cacheTags.home;
  return xmlResponse(buildRssFeed(getSite(), feed.spec, feed.articles, new Date()), "application/rss+xml", [tag]);
});
