/**
 * Failed-secret counts shared by every instance through Redis (issue 16), behind the small store
 * interface lib/rate-limit.ts is being redesigned around: `hit(key, windowMs)` counts one failure
 * and answers how many the key has in its current window.
 *
 * A fixed window per key: INCR, and PEXPIRE with NX on the first hit (atomic in one MULTI), so
 * the window starts at the first failure and the key disappears with it. Redis down or slow →
 * the same counts in this process (never a hang, never a 5xx), as before several instances existed.
 */
import { UNAVAILABLE, redisConfigured, redisKeyPrefix, withRedis } from "./redis.mjs";

export interface RateLimitStore {
  /** Counts one failure for `key`; resolves to the failures in its current window. */
  hit(key: string, windowMs: number): Promise<number>;
  /** Failures in the current window, without counting one. */
  count(key: string): Promise<number>;
  /** Milliseconds until the current window of `key` ends (0 when it has none). */
  resetInMs(key: string): Promise<number>;
}

/** The in-process store (one instance, or the fallback while Redis is away). */
export function createMemoryStore({ maxKeys = 10_000, now = () => Date.now() } = {}): RateLimitStore {
  const windows = new Map<string, { count: number; resetAt: number }>();
  const current = (key: string) => {
    const w = windows.get(key);
    if (w && w.resetAt > now()) return w;
    if (w) windows.delete(key);
    return undefined;
  };
  return {
    async hit(key, windowMs) {
      let w = current(key);
      if (!w) {
        // Forget the oldest key rather than grow without bound under a flood of addresses.
        if (windows.size >= maxKeys) windows.delete(windows.keys().next().value!);
        w = { count: 0, resetAt: now() + windowMs };
        windows.set(key, w);
      }
      w.count++;
      return w.count;
    },
    async count(key) {
      return current(key)?.count ?? 0;
    },
    async resetInMs(key) {
      const w = current(key);
      return w ? Math.max(0, w.resetAt - now()) : 0;
    },
  };
}

/** The Redis store; falls back to `fallback` for any call Redis cannot answer quickly. */
export function createRedisStore({ prefix = `${redisKeyPrefix()}ratelimit:`, fallback = createMemoryStore() } = {}): RateLimitStore {
  const k = (key: string) => `${prefix}${key}`;
  return {
    async hit(key, windowMs) {
      const result = await withRedis("rate limit", async (client) => {
        const [count] = await client.multi().incr(k(key)).pExpire(k(key), windowMs, "NX").exec();
        return Number(count);
      });
      // Counted here too while Redis is away, so the limit still holds on this instance.
      return result === UNAVAILABLE ? fallback.hit(key, windowMs) : result;
    },
    async count(key) {
      const result = await withRedis("rate limit", async (client) => Number((await client.get(k(key))) ?? 0));
      return result === UNAVAILABLE ? fallback.count(key) : Math.max(result, await fallback.count(key));
    },
    async resetInMs(key) {
      const result = await withRedis("rate limit", async (client) => Number(await client.pTTL(k(key))));
      if (result === UNAVAILABLE) return fallback.resetInMs(key);
      return Math.max(result > 0 ? result : 0, await fallback.resetInMs(key));
    },
  };
}

/** Redis when REDIS_URL is set, in-process otherwise — the seam lib/rate-limit.ts plugs into. */
export function createRateLimitStore(): RateLimitStore {
  return redisConfigured() ? createRedisStore() : createMemoryStore();
}
