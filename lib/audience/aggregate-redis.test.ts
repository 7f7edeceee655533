/**
 * The read counts in a real Redis (Debian redis-server), as several instances share them: one ranking
 * from every instance's reads, and a Redis that goes away pauses counting — nothing thrown, the
 * pending reads kept and written once it is back. Skipped without redis-server, except under
 * `npm run test:cluster` (MASTHEAD_REQUIRE_REDIS=1), which runs this file with lib/cluster.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { redisAvailable, untilRedisReady, useTestRedis } from "../../tests/redis-server";
import { closeRedis } from "../cluster/redis.mjs";
import { backendName, flush, pendingStats, recordRead, recordVitals, resetAggregate, topReads, vitalsSummary } from "./aggregate.mjs";

const PORT = Number(process.env.MASTHEAD_AUDIENCE_REDIS_PORT || 3508);

/** Flushes until nothing is pending (the client's breaker skips Redis a few seconds after a failure). */
async function flushed(timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  do {
    await flush();
    if (pendingStats().reads === 0 && pendingStats().vitals === 0) return;
    await new Promise((r) => setTimeout(r, 200));
  } while (Date.now() < deadline);
  throw new Error(`still pending after ${timeoutMs} ms: ${JSON.stringify(pendingStats())}`);
}

describe.skipIf(!redisAvailable())("the read counts in a real Redis", () => {
  const redis = useTestRedis(PORT);
  afterEach(() => resetAggregate());

  it("adds every instance's reads into one ranking, per site and per section", async () => {
    expect(backendName()).toBe("redis");
    for (let i = 0; i < 3; i++) recordRead("harbour-fire", "news/local");
    recordRead("cup-final", "sport");
    recordVitals("article", { LCP: 1200 });
    await flushed();
    // Another instance: nothing of the first one's in its memory.
    resetAggregate();
    for (let i = 0; i < 2; i++) recordRead("cup-final", "sport");
    recordRead("harbour-fire", "news/local");
    recordVitals("article", { LCP: 2600 });
    await flushed();
    expect(await topReads("site", 10)).toEqual([
      { slug: "harbour-fire", reads: 4 },
      { slug: "cup-final", reads: 3 },
    ]);
    expect(await topReads("section:news", 10)).toEqual([{ slug: "harbour-fire", reads: 4 }]);
    expect((await vitalsSummary())?.article?.LCP?.count).toBe(2);
  });

  it("pauses counting while Redis is away, without an error, and writes the reads kept meanwhile once it is back", async () => {
    await redis().stop();
    for (let i = 0; i < 5; i++) recordRead("tram-strike", "news/local");
    // Nothing throws and nothing waits: the flush resolves, the reads stay pending, the list is "unknown".
    await flush();
    expect(pendingStats().reads).toBeGreaterThan(0);
    expect(await topReads("site", 10)).toBeNull();
    expect(await vitalsSummary()).toBeNull();
    // Redis comes back empty (no persistence in this test): exactly the kept reads are written.
    await redis().start();
    await flushed();
    expect(await topReads("section:news/local", 10)).toEqual([{ slug: "tram-strike", reads: 5 }]);
    await flush();
    expect(await topReads("section:news/local", 10)).toEqual([{ slug: "tram-strike", reads: 5 }]);
  }, 60_000);
});
