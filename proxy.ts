import { NextResponse, type NextRequest } from "next/server";
import { resolveRequestPath } from "@/lib/routing";

/**
 * Settles the status of every page URL before rendering, through the same resolver the pages use:
 * - unknown → rewritten to the compiled not-found page with status 404, so the server HTML carries
 *   the full not-found page (a `notFound()` thrown inside a page would send an empty body);
 * - old slug, wrong section, `/page/1` → a true 301 to the canonical path on the same origin.
 * In draft mode the page itself decides (drafts and scheduled articles exist there).
 */
export async function proxy(request: NextRequest) {
  if (request.cookies.has("__prerender_bypass")) return NextResponse.next();
  let resolved;
  try {
    resolved = await resolveRequestPath(request.nextUrl.pathname);
  } catch {
    // The content source is unavailable: let the page render (cached copies keep being served).
    return NextResponse.next();
  }
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
  matcher: ["/((?!_next/|api/|content-images/|og/|feeds/|search$|feed\\.xml$|.*/feed\\.xml$|sitemap|sitemaps/|news-sitemap\\.xml$|robots\\.txt$|favicon|logo\\.svg$).*)"],
};
