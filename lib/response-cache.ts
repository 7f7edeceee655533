/**
 * The bridge to the production server's per-version response cache (scripts/server.mjs), which
 * lives in the same process and registers itself on globalThis. Under `next dev` or `next start`
 * there is none, and purging is a no-op.
 */
const KEY = Symbol.for("masthead.responseCache");

export interface ResponseCache {
  purge(what: { tags: string[]; everything?: boolean }): number;
}

type WithCache = typeof globalThis & { [KEY]?: ResponseCache };

export function purgeResponseCache(what: { tags: string[]; everything?: boolean }): number {
  return (globalThis as WithCache)[KEY]?.purge(what) ?? 0;
}
