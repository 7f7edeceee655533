/** Small response helpers for route handlers: JSON errors without internals, never cached. */
import { isContentUnavailable } from "./content/errors";

export function jsonError(status: number, error: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  return Response.json({ error, ...extra }, { status, headers: { "Cache-Control": "no-store", ...headers } });
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
 * The header in which proxy.ts hands a page's Cache-Control to scripts/server.mjs, which sends it as
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
    headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" },
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
