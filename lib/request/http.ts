/** Small response helpers for route handlers: JSON errors without internals, never cached. */
import { isContentUnavailable } from "../sources/errors";
import { CACHE_POLICY } from "./cache-policy.mjs";

export function jsonError(status: number, error: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  return Response.json({ error, ...extra }, { status, headers: { "Cache-Control": CACHE_POLICY.noStore, ...headers } });
}

export function methodNotAllowed(allow: string): Response {
  return jsonError(405, `Method not allowed; use ${allow}.`, {}, { Allow: allow });
}

/** Only a path on this site: one leading slash, no scheme, no "//" or "/\" host tricks. */
export function safeReturnPath(value: FormDataEntryValue | string | null): string {
  if (typeof value !== "string" || value.length > 500) return "/";
  return /^\/(?![/\\])[A-Za-z0-9\-._~/]*$/.test(value) ? value : "/";
}

/**
 * The header in which proxy.ts hands a page's Cache-Control to server/main.ts, which sends it as
 * Cache-Control (Next replaces a Cache-Control set by the proxy with its own).
 */
export const CACHE_POLICY_HEADER = "x-masthead-cache-control";

/** Long enough for a restart or a database failover, short enough that crawlers come back soon. */
export const RETRY_AFTER_SECONDS = 30;

/** The page the proxy shows (status 503) when the content source is down and nothing is cached. */
export const UNAVAILABLE_ROUTE = "/status-pages/unavailable";

export function contentUnavailableResponse(): Response {
  return new Response("The content of this site is temporarily unavailable. Please try again in a moment.\n", {
    status: 503,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": CACHE_POLICY.noStore },
  });
}

/**
 * Wraps a route handler (feeds, sitemaps, JSON API): when the content source is down it answers 503
 * with Retry-After — for every client, whatever it accepts — instead of a 500; other errors propagate.
 */
export function withContent<A extends unknown[]>(handler: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (error) {
      if (isContentUnavailable(error)) return contentUnavailableResponse();
      throw error;
    }
  };
}

/**
 * The body as UTF-8 text, read only up to `maxBytes`: a larger Content-Length is refused before a
 * byte is read, and a body without one (chunked) is read incrementally and abandoned at the limit,
 * so a huge POST costs no more memory than the limit. 413 when too large, 400 when not UTF-8.
 */
export async function readLimitedText(request: Request, maxBytes: number): Promise<{ text: string } | { refused: Response }> {
  const tooLarge = () => ({ refused: jsonError(413, `Body too large (at most ${maxBytes} bytes).`, {}, { Connection: "close" }) });
  const declared = request.headers.get("content-length");
  if (declared !== null && (!/^[0-9]{1,15}$/.test(declared.trim()) || Number(declared) > maxBytes)) return tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        return tooLarge();
      }
      chunks.push(value);
    }
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks)) };
  } catch {
    return { refused: jsonError(400, "Body must be UTF-8 text.") };
  }
}

/**
 * 403 for a state-changing request a browser sent on behalf of another site (CSRF), else null.
 * Browsers send `Sec-Fetch-Site` and, on POST, `Origin`: the request must be same-origin (or typed
 * by the user: `none`), and its Origin this site's — SITE_URL's, or the host the request was
 * addressed to (a page cannot forge the Host or X-Forwarded-Host of a cross-site request). A
 * request with neither header is not from a browser form, so there is no victim to protect.
 */
export function crossSiteRefusal(request: Request, siteUrl = process.env.SITE_URL): Response | null {
  const refused = () => jsonError(403, "Refused: this request did not come from this site.");
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite !== null && fetchSite !== "same-origin" && fetchSite !== "none") return refused();
  const origin = request.headers.get("origin");
  if (origin === null) return null;
  return ownOrigins(request, siteUrl).has(origin.toLowerCase()) ? null : refused();
}

function ownOrigins(request: Request, siteUrl: string | undefined): Set<string> {
  const origins = new Set<string>();
  const add = (url: string) => {
    try {
      origins.add(new URL(url).origin.toLowerCase());
    } catch {
      /* not a URL */
    }
  };
  if (siteUrl) add(siteUrl);
  // Either scheme: which one the proxy in front terminates is not a question of who sent the form.
  for (const host of [request.headers.get("host"), request.headers.get("x-forwarded-host")?.split(",")[0].trim()]) {
    if (host) for (const scheme of ["http", "https"]) add(`${scheme}://${host}`);
  }
  return origins;
}
