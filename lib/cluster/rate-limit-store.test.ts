import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { redisAvailable, untilRedisReady, useTestRedis } from "../../tests/redis-server";
import { UNAVAILABLE, closeRedis, withRedis } from "./redis.mjs";
import { createRedisCounterStore, shareCounterStores } from "./rate-limit-store";
import { memoryCounterStore, sharedCounterStore, useCounterStores } from "../access/counter-store";
import { FAILED_SECRET_LIMIT, recordFailedSecret } from "../access/rate-limit";

describe.skipIf(!redisAvailable())("counters in a real Redis", () => {
  const redis = useTestRedis(3506);
  beforeAll(untilRedisReady);
  afterAll(() => {
    useCounterStores(() => memoryCounterStore());
  });

  it("two instances share one count per client, and the window ends in Redis", async () => {
    const prefix = `test:${Date.now()}:`;
    const a = createRedisCounterStore({ prefix, fallback: memoryCounterStore() });
    const b = createRedisCounterStore({ prefix, fallback: memoryCounterStore() });
    const key = "REVALIDATE_SECRET:10.0.0.7";
    expect(await a.hit(key, 60_000)).toBe(1);
    expect(await b.hit(key, 60_000)).toBe(2);
    expect(await a.hit(key, 60_000)).toBe(3);
    expect(await b.peek(key)).toBe(3);
    const ttl = Number(await withRedis("ttl", (c) => c.pTTL(`${prefix}${key}`)));
    expect(ttl).toBeGreaterThan(55_000);
    // The window starts at the first hit: later hits do not extend it. The first window is shortened
    // in Redis to stand for time gone by; a second hit that restarted the window would lengthen it again.
    await a.hit("short", 60_000);
    await withRedis("pexpire", (c) => c.pExpire(`${prefix}short`, 2_000));
    expect(await b.hit("short", 60_000)).toBe(2);
    expect(Number(await withRedis("pttl", (c) => c.pTTL(`${prefix}short`)))).toBeLessThanOrEqual(2_000);
    // When Redis drops the key, the count is over.
    await withRedis("pexpire", (c) => c.pExpire(`${prefix}short`, 1));
    await vi.waitFor(async () => expect(await a.peek("short")).toBe(0), { timeout: 5_000, interval: 20 });
  });

  it("the failed-secret limiter, once shared, refuses a client that failed on other instances", async () => {
    expect(shareCounterStores()).toBe(true);
    const client = `10.1.2.${Math.floor(Math.random() * 250)}`;
    // Failures spread over "instances": the store is Redis, so every one counts.
    for (let i = 0; i < FAILED_SECRET_LIMIT; i++) expect(await recordFailedSecret("REVALIDATE_SECRET", client)).toBe(0);
    expect(await recordFailedSecret("REVALIDATE_SECRET", client)).toBeGreaterThan(0);
    expect(await withRedis("get", (c) => c.get(`masthead:counter:failed-secrets:REVALIDATE_SECRET:${client}`))).toBe(String(FAILED_SECRET_LIMIT + 1));
    expect(sharedCounterStore("preview-revocations")).toBeTruthy();
  });

  it("with Redis frozen, counts in this process instead of hanging or failing", async () => {
    const store = createRedisCounterStore({ prefix: "frozen:", fallback: memoryCounterStore() });
    redis().freeze();
    try {
      const started = Date.now();
      expect(await store.hit("client", 60_000)).toBe(1);
      expect(await store.hit("client", 60_000)).toBe(2);
      expect(await store.peek("client")).toBe(2);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      redis().thaw();
    }
  });
});
