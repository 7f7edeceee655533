/**
 * Short-lived counters: the failed-secret limiter (lib/access/rate-limit.ts) and the revocation of preview
 * cookies (lib/access/preview-cookie.ts) both keep their state here. The default store lives in this
 * process; to share the state between several instances, plug in another store (for example Redis:
 * `hit` = INCR + PEXPIRE … NX, `peek` = GET) with `useCounterStores()` once at startup. No Next
 * imports: the proxy, route handlers and pages all use it.
 */
import { processSingleton } from "../config/singleton.mjs";
export interface CounterStore {
  /**
   * Adds one to `key` and returns the new count. A key's window starts with its first hit and
   * lasts `windowMs`; after that the key is forgotten (fixed window).
   */
  hit(key: string, windowMs: number): Promise<number>;
  /** The current count of `key`, 0 when it is absent or its window is over. Changes nothing. */
  peek(key: string): Promise<number>;
}

/** The stores in use, by purpose. Each purpose has its own store so one cannot evict the other. */
export type CounterStoreName = "failed-secrets" | "preview-revocations" | "checkout-sessions" | "uncached-searches" | "newsletter-signups";

export function memoryCounterStore({ maxKeys = 10_000, clock = Date.now }: { maxKeys?: number; clock?: () => number } = {}): CounterStore {
  const entries = new Map<string, { count: number; expires: number }>();
  const live = (key: string, now: number) => {
    const entry = entries.get(key);
    if (entry && entry.expires > now) return entry;
    if (entry) entries.delete(key);
    return undefined;
  };
  const makeRoom = (now: number) => {
    if (entries.size < maxKeys) return;
    for (const [key, entry] of entries) if (entry.expires <= now) entries.delete(key);
    // Still full: forget the oldest window rather than grow without bound under a flood of keys.
    while (entries.size >= maxKeys) entries.delete(entries.keys().next().value!);
  };
  return {
    async hit(key, windowMs) {
      const now = clock();
      const entry = live(key, now);
      if (entry) return ++entry.count;
      makeRoom(now);
      entries.set(key, { count: 1, expires: now + windowMs });
      return 1;
    },
    async peek(key) {
      return live(key, clock())?.count ?? 0;
    },
  };
}

// A process singleton: Next bundles the proxy and each route separately, and they must share one state.
type Registry = { factory: (name: CounterStoreName) => CounterStore; stores: Map<CounterStoreName, CounterStore> };

function registry(): Registry {
  return processSingleton("counterStores", (): Registry => ({ factory: () => memoryCounterStore(), stores: new Map() }));
}

/** The store for one purpose, the same object for every caller in the process. */
export function sharedCounterStore(name: CounterStoreName): CounterStore {
  const r = registry();
  let store = r.stores.get(name);
  if (!store) r.stores.set(name, (store = r.factory(name)));
  return store;
}

/** Replaces the stores (e.g. with Redis-backed ones for several instances); call once at startup. */
export function useCounterStores(factory: (name: CounterStoreName) => CounterStore): void {
  const r = registry();
  r.factory = factory;
  r.stores.clear();
}
