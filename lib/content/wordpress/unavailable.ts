/**
 * What a route handler answers when the content source is down (feeds, sitemaps, /api/*): 503 with
 * Retry-After, never a stack trace. Pages cannot set a status in Next 16 (a render that throws
 * answers 500 with app/error.tsx); see docs/wordpress.md → "When WordPress is down".
 * Not WordPress-specific: move it to lib/content/ if another source needs it.
 */
import { ContentUnavailableError } from "../errors";

/** Long enough for a restart or a database failover, short enough that crawlers come back soon. */
export const RETRY_AFTER_SECONDS = 30;

/** By name as well: a bundler may load errors.ts twice, and instanceof then fails across copies. */
export function isContentUnavailable(error: unknown): boolean {
  return error instanceof ContentUnavailableError || (error instanceof Error && error.name === "ContentUnavailableError");
}

export function contentUnavailableResponse(): Response {
  return new Response("The content of this site is temporarily unavailable. Please try again in a moment.\n", {
    status: 503,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" },
  });
}

/** `try { … } catch (e) { return unavailableOr(e) }` in a route handler: 503 for an outage, rethrow the rest. */
export function unavailableOr(error: unknown): Response {
  if (isContentUnavailable(error)) return contentUnavailableResponse();
  throw error;
}
