// Search made cheap and bounded (issue 27, item 4; docs/decisions/0121).
// - The search page of a normalised query (scripts/server/queries.mjs) is the same for every
//   reader: it is stored and shared for SEARCH_MAX_AGE seconds — here, in the response cache, and at
//   the edge — and dropped at once by any publish (its tags: `site list`, which every publish expires).
// - Searches that no cache answers (a page not stored yet, every /api/search call that reaches the
//   server) cost a query of the content index each: at most UNCACHED_SEARCH_LIMIT per client per
//   UNCACHED_SEARCH_WINDOW_MS, then 429 with Retry-After. The counts live in the project's counter
//   stores (lib/counter-store.ts, in Redis when several instances share one), under their own name.
//   A reader typing in the search box makes a handful a minute; the limit is far above that.
import { CACHE_POLICY, LIFETIME } from "../../lib/cache-policy.mjs";

export const SEARCH_MAX_AGE = LIFETIME.search;
export const SEARCH_POLICY = CACHE_POLICY.search;
/** The tags every publish expires (lib/cache-tags.ts `site`, `lists`). */
export const SEARCH_TAGS = "site list";
export const UNCACHED_SEARCH_LIMIT = 30;
export const UNCACHED_SEARCH_WINDOW_MS = 10_000;

/** True for the search page or the search API (a normalised target). */
export function isSearch(url = "/") {
  return /^\/(?:api\/)?search(?:\?|$)/.test(url);
}

/** The key of a search page the response cache may hold: `/search?q=…` (the empty form has no query). */
export function isSearchPageKey(key) {
  return typeof key === "string" && (key === "/search" || key.startsWith("/search?"));
}

/**
 * The client, as lib/rate-limit.ts#clientKey decides it: with TRUST_PROXY=N the Nth X-Forwarded-For
 * entry from the right, else the TCP peer.
 */
export function clientOf(req, env = process.env) {
  const hops = /^[0-9]{1,2}$/.test(env.TRUST_PROXY?.trim() ?? "") ? Number(env.TRUST_PROXY.trim()) : 0;
  if (hops > 0) {
    const forwarded = [req.headers["x-forwarded-for"]].flat().filter(Boolean).join(",");
    const entries = forwarded.split(",").map((e) => e.trim()).filter(Boolean);
    if (entries.length >= hops) return `forwarded:${entries[entries.length - hops].slice(0, 64)}`;
  }
  return `peer:${String(req.socket?.remoteAddress ?? "").slice(0, 64)}`;
}

const STORES = Symbol.for("masthead.counterStores");
const STORE_NAME = "uncached-searches";
let fallback;

/** The process's counter store for this purpose (lib/counter-store.ts#sharedCounterStore, from plain JS). */
function store() {
  const registry = globalThis[STORES];
  if (!registry) return (fallback ??= memoryStore());
  let s = registry.stores.get(STORE_NAME);
  if (!s) registry.stores.set(STORE_NAME, (s = registry.factory(STORE_NAME)));
  return s;
}

function memoryStore() {
  const entries = new Map();
  return {
    async hit(key, windowMs) {
      const now = Date.now();
      const entry = entries.get(key);
      if (entry && entry.expires > now) return ++entry.count;
      if (entries.size >= 10_000) for (const [k, e] of entries) if (e.expires <= now || entries.size >= 10_000) entries.delete(k);
      entries.set(key, { count: 1, expires: now + windowMs });
      return 1;
    },
  };
}

/** Counts one uncached search of this client; the seconds to wait when it is over the limit, else 0. */
export async function uncachedSearchWait(req, env = process.env) {
  try {
    const count = await store().hit(clientOf(req, env), UNCACHED_SEARCH_WINDOW_MS);
    return count > UNCACHED_SEARCH_LIMIT ? Math.ceil(UNCACHED_SEARCH_WINDOW_MS / 1000) : 0;
  } catch {
    return 0; // a limiter that fails never refuses a reader
  }
}
