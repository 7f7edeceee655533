import { NextResponse, type NextRequest } from "next/server";
import { resolveRequestPath, sectionRoutePath } from "@/lib/routing";
import { memoResolution } from "@/lib/resolution-cache";

/**
 * Settles the status of every page URL before rendering, through the same resolver the pages use:
 * - unknown → rewritten to the compiled not-found page with status 404, so the server HTML carries
 *   the full not-found page (a `notFound()` thrown inside a page would send an empty body);
 * - old slug, wrong section, `/page/1` → a true 301 to the canonical path on the same origin.
 * - a section page → rewritten to its own route (`/section-pages/…`, unreachable directly).
 * In draft mode only the section rewrite applies; the page decides the rest.
 */
export async function proxy(request: NextRequest) {
  const preview = request.cookies.has("__prerender_bypass");
  let resolved;
  try {
    const pathname = request.nextUrl.pathname;
    resolved = preview
      ? await resolveRequestPath(pathname, { preview })
      : await memoResolution(pathname, () => resolveRequestPath(pathname));
  } catch {
    // The content source is unavailable: let the page render (cached copies keep being served).
    return NextResponse.next();
  }
  if (resolved.kind === "section") {
    // Section pages have their own route so the article route never ships their "Load more" island.
    const target = request.nextUrl.clone();
    target.pathname = sectionRoutePath(resolved.path, resolved.page);
    return NextResponse.rewrite(target);
  }
  // In draft mode the page itself decides the rest (drafts and scheduled articles exist there).
  if (preview) return NextResponse.next();
  if (resolved.kind === "notFound") {
    const notFound = request.nextUrl.clone();
    notFound.pathname = "/_not-found";
    notFound.search = "";
    return NextResponse.rewrite(notFound, { status: 404 });
  }
  if (resolved.kind === "redirect") {
    // The target is a path of our own (never from the request), on the origin the request came to.
    const target = request.nextUrl.clone();
    target.pathname = resolved.to;
    target.search = "";
    return NextResponse.redirect(target, { status: 301, headers: { "Cache-Control": "public, max-age=300" } });
  }
  return NextResponse.next();
}

export const config = {
  // Pages only: not assets, APIs, images, search (dynamic, always 200), feeds or crawler files.
  matcher: ["/((?!_next/|api/|content-images/|og/|feeds/|search$|feed\\.xml$|.*/feed\\.xml$|sitemap|sitemaps/|news-sitemap\\.xml$|robots\\.txt$|favicon|icon\\.svg$|apple-icon|logo\\.svg$).*)"],
};
