/**
 * Search made cheap and bounded (issue 27, item 4; docs/decisions/0121).
 * - The search page of a normalised query (queries.ts) is the same for every reader: it is stored
 *   and shared for LIFETIME.search seconds — here, in the response cache, and at the edge — and
 *   dropped at once by any publish (its tags: `site list`, which every publish expires).
 * - Searches that no cache answers (a page not stored yet, every /api/search call that reaches the
 *   server) cost a query of the content index each: at most UNCACHED_SEARCH_LIMIT per client per
 *   UNCACHED_SEARCH_WINDOW_MS, then 429 with Retry-After. The counts live in the project's counter
 *   stores (lib/access/counter-store.ts, in Redis when several instances share one), under their own name.
 *   A reader typing in the search box makes a handful a minute; the limit is far above that.
 */
import type { IncomingMessage } from "node:http";
import { CACHE_POLICY } from "../lib/request/cache-policy.mjs";
import { cacheTags } from "../lib/request/cache-tags";
import { sharedCounterStore } from "../lib/access/counter-store";
import { clientFrom } from "../lib/access/rate-limit";

export const SEARCH_POLICY = CACHE_POLICY.search;
/** The tags every publish expires. */
export const SEARCH_TAGS = `${cacheTags.site} ${cacheTags.lists}`;
export const UNCACHED_SEARCH_LIMIT = 30;
export const UNCACHED_SEARCH_WINDOW_MS = 10_000;

/** True for the search page or the search API (a normalised target). */
export function isSearch(url = "/"): boolean {
  return /^\/(?:api\/)?search(?:\?|$)/.test(url);
}

/** The key of a search page the response cache may hold: `/search?q=…` (the empty form has no query). */
export function isSearchPageKey(key: string | null): boolean {
  return typeof key === "string" && (key === "/search" || key.startsWith("/search?"));
}

/** The client, as lib/access/rate-limit.ts#clientKey decides it: with TRUST_PROXY=N the Nth X-Forwarded-For entry from the right, else the TCP peer. */
export function clientOf(req: { headers: IncomingMessage["headers"]; socket?: { remoteAddress?: string } | null }, env: Record<string, string | undefined> = process.env): string {
  const forwarded = [req.headers["x-forwarded-for"]].flat().filter(Boolean).join(",");
  return clientFrom(forwarded, String(req.socket?.remoteAddress ?? ""), env);
}

/** Counts one uncached search of this client; the seconds to wait when it is over the limit, else 0. */
export async function uncachedSearchWait(req: { headers: IncomingMessage["headers"]; socket?: { remoteAddress?: string } | null }, env: Record<string, string | undefined> = process.env): Promise<number> {
  try {
    const count = await sharedCounterStore("uncached-searches").hit(clientOf(req, env), UNCACHED_SEARCH_WINDOW_MS);
    return count > UNCACHED_SEARCH_LIMIT ? Math.ceil(UNCACHED_SEARCH_WINDOW_MS / 1000) : 0;
  } catch {
    return 0; // a limiter that fails never refuses a reader
  }
}
