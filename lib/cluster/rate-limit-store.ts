/**
 * The short-lived counters of lib/access/counter-store.ts — failed secrets (lib/access/rate-limit.ts) and preview
 * cookie revocations (lib/access/preview-cookie.ts) — shared by every instance through Redis (issue 16,
 * docs/decisions/0074), so N instances do not give an attacker N times the attempts and a preview
 * revoked on one instance is revoked on all.
 *
 * A fixed window per key, as the in-process store: MULTI INCR + PEXPIRE … NX, so the window starts
 * with the first hit and the key disappears with it. Redis down or slow → this process's own
 * counters (never a hang, never a 5xx), as before several instances existed.
 */
import { memoryCounterStore, useCounterStores, type CounterStore, type CounterStoreName } from "../access/counter-store";
import { UNAVAILABLE, redisConfigured, redisKeyPrefix, withRedis } from "./redis.mjs";

export function createRedisCounterStore({ prefix, fallback = memoryCounterStore() }: { prefix: string; fallback?: CounterStore }): CounterStore {
  const k = (key: string) => `${prefix}${key}`;
  return {
    async hit(key, windowMs) {
      const count = await withRedis("counter", async (client) => {
        const [value] = await client.multi().incr(k(key)).pExpire(k(key), windowMs, "NX").exec();
        return Number(value);
      });
      // Counted here too while Redis is away, so the limit still holds on this instance.
      return count === UNAVAILABLE ? fallback.hit(key, windowMs) : count;
    },
    async peek(key) {
      const count = await withRedis("counter", async (client) => Number((await client.get(k(key))) ?? 0));
      const local = await fallback.peek(key);
      return count === UNAVAILABLE ? local : Math.max(count, local);
    },
  };
}

/** At startup (lib/config/startup.ts): with REDIS_URL, every counter store of the process lives in Redis. */
export function shareCounterStores(): boolean {
  if (!redisConfigured()) return false;
  useCounterStores((name: CounterStoreName) => createRedisCounterStore({ prefix: `${redisKeyPrefix()}counter:${name}:` }));
  return true;
}
