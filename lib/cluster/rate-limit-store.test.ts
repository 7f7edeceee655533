import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestRedis, redisAvailable, type TestRedis } from "../../tests/redis-server";
import { UNAVAILABLE, closeRedis, withRedis } from "./redis.mjs";
import { createMemoryStore, createRedisStore } from "./rate-limit-store";

async function untilReady(): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await withRedis("ping", (c) => c.ping())) !== UNAVAILABLE) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("Redis client never became ready");
}

describe("in-process store", () => {
  it("counts failures per key within a window and forgets them after it", async () => {
    let now = 1_000;
    const store = createMemoryStore({ now: () => now });
    expect(await store.hit("1.2.3.4", 60_000)).toBe(1);
    expect(await store.hit("1.2.3.4", 60_000)).toBe(2);
    expect(await store.count("5.6.7.8")).toBe(0);
    expect(await store.resetInMs("1.2.3.4")).toBe(60_000);
    now += 60_001;
    expect(await store.count("1.2.3.4")).toBe(0);
    expect(await store.hit("1.2.3.4", 60_000)).toBe(1);
  });
});

describe.skipIf(!redisAvailable())("Redis store (real Redis)", () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startTestRedis(3506);
    process.env.REDIS_URL = redis.url;
    await untilReady();
  });
  afterAll(async () => {
    await closeRedis();
    delete process.env.REDIS_URL;
    await redis.stop();
  });

  it("two instances share one count per client, and the window ends in Redis", async () => {
    const a = createRedisStore({ fallback: createMemoryStore() });
    const b = createRedisStore({ fallback: createMemoryStore() });
    const key = `REVALIDATE_SECRET:10.0.0.${Math.floor(Math.random() * 250)}`;
    expect(await a.hit(key, 60_000)).toBe(1);
    expect(await b.hit(key, 60_000)).toBe(2);
    expect(await a.hit(key, 60_000)).toBe(3);
    expect(await b.count(key)).toBe(3);
    const reset = await b.resetInMs(key);
    expect(reset).toBeGreaterThan(55_000);
    expect(reset).toBeLessThanOrEqual(60_000);
    // The window starts at the first failure: later hits do not extend it.
    const short = `${key}:short`;
    await a.hit(short, 300);
    await new Promise((r) => setTimeout(r, 150));
    await b.hit(short, 300);
    await new Promise((r) => setTimeout(r, 250));
    expect(await a.count(short)).toBe(0);
  });

  it("with Redis frozen, counts in this process instead of hanging or failing", async () => {
    const store = createRedisStore({ fallback: createMemoryStore() });
    redis.freeze();
    try {
      const started = Date.now();
      expect(await store.hit("frozen-client", 60_000)).toBe(1);
      expect(await store.hit("frozen-client", 60_000)).toBe(2);
      expect(await store.count("frozen-client")).toBe(2);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      redis.thaw();
    }
  });
});
