/**
 * Short-lived, process-wide memos (globalThis, so the proxy and route bundles share them and the
 * revalidation webhook can clear them all):
 * - URL resolutions for remote content sources, so the proxy does not call WordPress on every page
 *   view (Next has no data cache inside the proxy). The markdown source resolves from memory and is
 *   never memoised, which keeps scheduled articles exact to the second.
 * - Whole crawler documents (sitemaps), which read every visible article.
 */
const KEY = Symbol.for("masthead.memo");
const MAX_ENTRIES = 5_000;

type Entry = { value: unknown; expires: number };
type WithCache = typeof globalThis & { [KEY]?: Map<string, Entry> };

function store(): Map<string, Entry> {
  const g = globalThis as WithCache;
  g[KEY] ??= new Map();
  return g[KEY];
}

export async function memo<T>(key: string, ttlMs: number, compute: () => Promise<T>, now = Date.now()): Promise<T> {
  const cache = store();
  const hit = cache.get(key);
  if (hit && hit.expires > now) return hit.value as T;
  const value = await compute();
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(key, { value, expires: now + ttlMs });
  return value;
}

export async function memoResolution<T>(pathname: string, compute: () => Promise<T>): Promise<T> {
  if ((process.env.CONTENT_SOURCE || "markdown") === "markdown") return compute();
  return memo(`resolve:${pathname}`, 30_000, compute);
}

/** Called by the revalidation webhook after the content source reloads. */
export function clearResolutionCache(): void {
  store().clear();
}
