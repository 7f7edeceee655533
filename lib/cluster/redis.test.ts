import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { redisAvailable, untilRedisReady, useTestRedis } from "../../tests/redis-server";
import { BREAKER_MS, TAGS_KEY, UNAVAILABLE, closeRedis, expireTags, isExpiredBy, isStaleBy, resetLocalTags, tagStates, withRedis } from "./redis.mjs";

async function until<T>(read: () => Promise<T | typeof UNAVAILABLE>): Promise<T | null> {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (value !== UNAVAILABLE && value) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
  return null;
}

describe("the expiry rule", () => {
  it("an entry stored in the same millisecond as an expiry is expired (its render may have read the old content)", () => {
    const at = 1_796_200_000_000;
    const states = new Map([["article:a", { stale: at, expired: at }]]);
    expect(isExpiredBy(states, at, at + 5)).toBe(true);
    expect(isStaleBy(states, at)).toBe(true);
    expect(isExpiredBy(states, at + 1, at + 5)).toBe(false);
    expect(isStaleBy(states, at + 1)).toBe(false);
  });
});

describe.skipIf(!redisAvailable())("shared tag expiry in a real Redis", () => {
  const redis = useTestRedis(3505);
  beforeEach(async () => {
    resetLocalTags();
    await untilRedisReady();
    await withRedis("flush", (c) => c.flushAll());
  });

  it("an expiry written by one instance is seen by another (no local state)", async () => {
    const before = Date.now() - 1;
    await expireTags(["article:a", "_N_T_/news/a"]);
    resetLocalTags(); // "another instance": nothing in its own memory
    const states = await tagStates(["article:a", "_N_T_/news/a", "article:b"]);
    expect(isExpiredBy(states, before)).toBe(true);
    expect(states.has("article:b")).toBe(false);
    // An entry made after the expiry is fresh.
    expect(isExpiredBy(states, Date.now() + 1)).toBe(false);
  });

  it("keeps the later time when an older write arrives (replays never undo newer invalidations)", async () => {
    await withRedis("seed", (c) => c.hSet(TAGS_KEY, "home", `${Date.now() + 60_000},${Date.now() + 60_000}`));
    await expireTags(["home"]);
    resetLocalTags();
    const value = (await tagStates(["home"])).get("home")!;
    expect(value.expired).toBeGreaterThan(Date.now() + 30_000);
  });

  it("answers at once with what this process knows when Redis is frozen, and replays its writes on reconnect", async () => {
    redis().freeze();
    try {
      const started = Date.now();
      await expireTags(["tag:frozen"]);
      const states = await tagStates(["tag:frozen"]);
      // The command timeout, then the breaker: bounded, never a hang.
      expect(Date.now() - started).toBeLessThan(BREAKER_MS);
      expect(states.get("tag:frozen")?.expired).toBeTypeOf("number");
      expect(await withRedis("during breaker", (c) => c.ping())).toBe(UNAVAILABLE);
    } finally {
      redis().thaw();
    }
    // The connection that missed its deadline was replaced; the new one replays the queued write.
    expect(await until(() => withRedis("check", (c) => c.hGet(TAGS_KEY, "tag:frozen")))).toBeTruthy();

    // Stopped, then started again empty: writes made meanwhile reach the new server.
    await redis().stop();
    expect(await withRedis("stopped", (c) => c.ping())).toBe(UNAVAILABLE);
    await expireTags(["tag:while-stopped"]);
    await redis().start();
    await untilRedisReady();
    expect(await until(() => withRedis("check", (c) => c.hGet(TAGS_KEY, "tag:while-stopped")))).toBeTruthy();
  });
});
