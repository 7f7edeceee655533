/**
 * Response helpers for the crawler routes (sitemaps, feeds, social cards). These are dynamic
 * route handlers, which Next sends without any Cache-Control of its own (TOOLCHAIN.md), so they
 * say how long a CDN may keep them. Five minutes fresh, five more served stale while a CDN
 * refetches: a new article reaches Google News and feed readers within minutes.
 */
import { cacheTags, TAGS_HEADER } from "./cache-tags";
import { CACHE_POLICY } from "./cache-policy.mjs";

export const CRAWLER_CACHE_CONTROL = CACHE_POLICY.crawler;

/**
 * A missing feed or child sitemap may appear on the next publish: cached as briefly as any 404 (the
 * server's finishing step would cut a longer one down to this anyway).
 */
export const NOT_FOUND_CACHE_CONTROL = CACHE_POLICY.notFound;

/** A crawler document; `tags` (lib/request/cache-tags.ts) let caches in front drop it on the next publish. */
export function xmlResponse(body: string, contentType: "application/xml" | "application/rss+xml" = "application/xml", tags: string[] = []): Response {
  const kind = contentType === "application/rss+xml" ? cacheTags.feed : cacheTags.sitemap;
  return new Response(body, {
    headers: {
      "Content-Type": `${contentType}; charset=utf-8`,
      "Cache-Control": CRAWLER_CACHE_CONTROL,
      [TAGS_HEADER]: [cacheTags.site, kind, ...tags].join(" "),
    },
  });
}

/**
 * One month of the archive's sitemap: tagged with its month only (not the generic sitemap tag every
 * publish expires), so a publish refreshes the month it touches and leaves settled months cached.
 */
export function archiveXmlResponse(body: string, tags: string[], cacheControl: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "application/xml; charset=utf-8",
      "Cache-Control": cacheControl,
      [TAGS_HEADER]: [cacheTags.site, ...tags].join(" "),
    },
  });
}

export function notFoundResponse(): Response {
  return new Response("Not found\n", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": NOT_FOUND_CACHE_CONTROL },
  });
}
