/**
 * The bridge to the production server's per-version response cache (server/response-cache.ts), which
 * lives in the same process but outside Next's bundles: the server registers it as a process
 * singleton at start, the revalidation webhook purges through it. Under `next dev` or `next start`
 * there is none, and purging is a no-op.
 */
import { peekProcessSingleton, setProcessSingleton } from "../config/singleton.mjs";

export interface ResponseCachePurge {
  purge(what: { tags: string[]; everything?: boolean }): number;
}

/** Called once by the production server when its cache exists. */
export function registerResponseCache(cache: ResponseCachePurge): void {
  setProcessSingleton("responseCache", cache);
}

export function purgeResponseCache(what: { tags: string[]; everything?: boolean }): number {
  return peekProcessSingleton<ResponseCachePurge>("responseCache")?.purge(what) ?? 0;
}
