/**
 * A short-lived memo of URL resolutions for remote content sources, so the proxy does not make a
 * REST call to WordPress on every page view (Next has no data cache inside the proxy). Process-wide
 * (globalThis) so the revalidation webhook can clear it. The markdown source resolves from memory
 * and is never memoised, which keeps scheduled articles exact to the second.
 */
const KEY = Symbol.for("masthead.resolutionCache");
const TTL_MS = 30_000;
const MAX_ENTRIES = 5_000;

type Entry<T> = { value: T; expires: number };
type WithCache = typeof globalThis & { [KEY]?: Map<string, Entry<unknown>> };

function store(): Map<string, Entry<unknown>> {
  const g = globalThis as WithCache;
  g[KEY] ??= new Map();
  return g[KEY];
}

export async function memoResolution<T>(key: string, compute: () => Promise<T>, now = Date.now()): Promise<T> {
  if ((process.env.CONTENT_SOURCE || "markdown") === "markdown") return compute();
  const cache = store();
  const hit = cache.get(key);
  if (hit && hit.expires > now) return hit.value as T;
  const value = await compute();
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(key, { value, expires: now + TTL_MS });
  return value;
}

export function clearResolutionCache(): void {
  store().clear();
}
