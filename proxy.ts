import { NextResponse, type NextRequest } from "next/server";
import { decide, notFoundTags, resolveRequest, type Decision } from "@/lib/request/routing";
import { cachedDecision } from "@/lib/request/resolution-cache";
import { TAGS_HEADER } from "@/lib/request/cache-tags";
import { CACHE_POLICY_HEADER, RETRY_AFTER_SECONDS, UNAVAILABLE_ROUTE } from "@/lib/request/http";
import { isPreviewRequest, PREVIEW_COOKIES } from "@/lib/access/preview-cookie";

/**
 * Every page URL is resolved here, once, before anything renders (lib/request/routing.ts): the answer picks
 * the status, the route that renders it, its cache policy and its cache tags.
 * - an article, section, author or tag page → rewritten to the internal route that renders it;
 * - unknown → rewritten to the compiled not-found page with status 404 (a `notFound()` thrown inside
 *   a page would send an empty body, vercel/next.js#62228), cached only briefly;
 * - old slug, wrong section, `/page/1` → a 301 to the canonical path on this origin (a trailing
 *   slash is answered by server/main.ts, before Next normalises it away);
 * - the content source down → the last answer for this path if there is one (cached pages keep
 *   being served), else 503 with Retry-After.
 * The cache policy travels in an internal header that server/main.ts turns into Cache-Control
 * (Next would replace a Cache-Control set here with its own).
 */
function respond(request: NextRequest, d: Decision, tags: string[] = d.tags): NextResponse {
  let response: NextResponse;
  if (d.status === 301) {
    // The target is a path of our own (never taken from the request), on the origin the request came to.
    response = NextResponse.redirect(new URL(d.location!, request.url), 301);
    response.headers.set("Cache-Control", d.cacheControl);
    return response;
  }
  if (d.rewrite) {
    const target = request.nextUrl.clone();
    target.pathname = d.rewrite;
    if (d.status === 404) target.search = "";
    response = NextResponse.rewrite(target, d.status === 404 ? { status: 404 } : undefined);
  } else {
    response = NextResponse.next();
  }
  response.headers.set(CACHE_POLICY_HEADER, d.cacheControl);
  if (tags.length) response.headers.set(TAGS_HEADER, tags.join(" "));
  return response;
}

function unavailable(request: NextRequest): NextResponse {
  const target = request.nextUrl.clone();
  target.pathname = UNAVAILABLE_ROUTE;
  target.search = "";
  const response = NextResponse.rewrite(target, { status: 503 });
  response.headers.set(CACHE_POLICY_HEADER, "no-store");
  response.headers.set("Retry-After", String(RETRY_AFTER_SECONDS));
  return response;
}

export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  // Preview needs Next's draft-mode cookie and a valid, unexpired, unrevoked one of ours
  // (lib/access/preview-cookie.ts). Anything less is a reader — and loses the stale preview cookies.
  const preview = await isPreviewRequest(request.cookies);
  const forgotten = !preview && PREVIEW_COOKIES.some((name) => request.cookies.has(name));
  try {
    const resolve = async () => decide(await resolveRequest(pathname, { preview }), preview);
    const decision = preview ? await resolve() : await cachedDecision(pathname, resolve);
    // A 404 carries the tags of what may appear at its address, so a publish purges it (lib/request/routing.ts).
    const response = respond(request, decision, decision.status === 404 && !preview ? notFoundTags(pathname) : decision.tags);
    if (forgotten) for (const name of PREVIEW_COOKIES) response.cookies.delete(name);
    return response;
  } catch (error) {
    console.error(`[proxy] cannot resolve ${pathname}:`, error instanceof Error ? error.message : error);
    return unavailable(request);
  }
}

export const config = {
  // Page URLs only. Anchored, so nothing that merely starts like an excluded path skips routing:
  // Next's assets and image optimiser, APIs, content images, social cards, the search page (dynamic,
  // always 200), the reader-revenue pages (app/support), feeds and crawler files keep their own handlers.
  matcher: [
    "/((?!_next/static/|_next/image$|api/|content-images/|og/|feeds/|search$|support$|support/thank-you$|newsletters$|newsletters/|feed\\.xml$|.+/feed\\.xml$|sitemap\\.xml$|sitemaps/[^/]+$|news-sitemap\\.xml$|robots\\.txt$|icon\\.svg$|logo\\.svg$).*)",
  ],
};
