/**
 * Short-lived, process-wide memos (on globalThis, so the proxy bundle and the route bundles share
 * them and the revalidation webhook clears them all):
 * - the proxy's decisions for remote content sources, fresh for 30 s so the proxy does not call
 *   WordPress on every page view (Next has no data cache inside the proxy), and kept afterwards as
 *   the answer to give while the source is down. The markdown source answers from its local index
 *   and is never memoised, which keeps scheduled articles exact to the second;
 * - whole crawler documents (sitemaps), which read many articles;
 * - small facts a remote source learned on the way (a WordPress author's or tag's id, read with the
 *   full lists), so the next read does not ask again (remember / recall).
 */
import { processSingleton } from "../config/singleton.mjs";
import { isMarkdownSource } from "../config/env.mjs";

const KEY = "memo";
/** The facts of remember/recall: a store of their own, so thousands of tag ids never push out a decision. */
const FACTS_KEY = "memo.facts";
const MAX_ENTRIES = 5_000;
const MAX_FACTS = 50_000;
const DECISION_FRESH_MS = 30_000;

type Entry = { value: unknown; expires: number };
function store(key: typeof KEY | typeof FACTS_KEY = KEY): Map<string, Entry> {
  return processSingleton(key, () => new Map<string, Entry>());
}

function put(key: string, value: unknown, expires: number, cache = store(), max = MAX_ENTRIES): void {
  cache.delete(key);
  if (cache.size >= max) cache.delete(cache.keys().next().value!);
  cache.set(key, { value, expires });
}

export async function memo<T>(key: string, ttlMs: number, compute: () => Promise<T>, now = Date.now()): Promise<T> {
  const hit = store().get(key);
  if (hit && hit.expires > now) return hit.value as T;
  const value = await compute();
  put(key, value, now + ttlMs);
  return value;
}

/** Keeps `value` under `key` for `ttlMs` (or until the webhook clears the memos). */
export function remember(key: string, value: unknown, ttlMs: number, now = Date.now()): void {
  put(key, value, now + ttlMs, store(FACTS_KEY), MAX_FACTS);
}

/** What `remember` kept under `key`, while it is fresh. */
export function recall<T>(key: string, now = Date.now()): T | undefined {
  const hit = store(FACTS_KEY).get(key);
  return hit && hit.expires > now ? (hit.value as T) : undefined;
}

const isRemoteSource = () => !isMarkdownSource();

/**
 * The proxy's decision for a path: memoised for remote sources; when computing fails (the source is
 * down), the last decision for that path, however old; otherwise the error.
 */
export async function cachedDecision<T>(pathname: string, compute: () => Promise<T>, now = Date.now()): Promise<T> {
  const key = `decision:${pathname}`;
  const hit = store().get(key);
  if (hit && hit.expires > now && isRemoteSource()) return hit.value as T;
  try {
    const value = await compute();
    if (isRemoteSource()) put(key, value, now + DECISION_FRESH_MS);
    return value;
  } catch (error) {
    if (hit) return hit.value as T;
    throw error;
  }
}

/** Called by the revalidation webhook after the content source reloads. */
export function clearResolutionCache(): void {
  store().clear();
  store(FACTS_KEY).clear();
}
