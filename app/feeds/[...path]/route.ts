import { buildRssFeed } from "@/lib/seo/feed";
import { loadFeed, type FeedTarget } from "@/lib/seo/load";
import { notFoundResponse, xmlResponse } from "@/lib/seo/http";
import { getSite } from "@/lib/site";
import { cacheTags } from "@/lib/revalidation";

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

/** What the edge purges this feed by: every feed changes with a publish, and its own section or author. */
function tagsOf(t: FeedTarget): string[] {
  if (t.kind === "author") return [cacheTags.feed, cacheTags.author(t.slug)];
  if (t.kind === "section") return [cacheTags.feed, cacheTags.section(t.path)];
  return [cacheTags.feed];
}

export async function GET(_request: Request, { params }: Props): Promise<Response> {
  const t = target((await params).path);
  const feed = await loadFeed(t);
  if (!feed) return notFoundResponse(tagsOf(t));
  return xmlResponse(buildRssFeed(getSite(), feed.spec, feed.articles, new Date()), "application/rss+xml", tagsOf(t));
}
