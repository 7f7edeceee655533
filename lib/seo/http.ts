/**
 * Response helpers for the crawler routes (sitemaps, feeds, social cards). These are dynamic
 * route handlers, which Next sends without any Cache-Control of its own (TOOLCHAIN.md), so they
 * say how long a CDN may keep them. Five minutes fresh, five more served stale while a CDN
 * refetches: a new article reaches Google News and feed readers within minutes — at once through
 * an edge that purges by tag (the Surrogate-Key header below).
 */
import { SURROGATE_KEY_HEADER } from "../cluster/edge";

export const CRAWLER_CACHE_CONTROL = "public, max-age=300, s-maxage=300, stale-while-revalidate=300";

/** A missing feed or child sitemap may appear on the next publish: cache the 404 only briefly. */
export const NOT_FOUND_CACHE_CONTROL = "public, max-age=60, s-maxage=60";

/** The cache tags (lib/revalidation.ts `cacheTags`) the edge purges this response by (lib/cluster/edge.ts). */
function tagHeaders(tags: readonly string[]): Record<string, string> {
  return tags.length ? { [SURROGATE_KEY_HEADER]: tags.join(" ") } : {};
}

export function xmlResponse(body: string, contentType: "application/xml" | "application/rss+xml" = "application/xml", tags: readonly string[] = []): Response {
  return new Response(body, {
    headers: { "Content-Type": `${contentType}; charset=utf-8`, "Cache-Control": CRAWLER_CACHE_CONTROL, ...tagHeaders(tags) },
  });
}

export function notFoundResponse(tags: readonly string[] = []): Response {
  return new Response("Not found\n", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": NOT_FOUND_CACHE_CONTROL, ...tagHeaders(tags) },
  });
}
