import { afterEach, describe, expect, it } from "vitest";
import { flush, recordRead, recordVitals, resetAggregate, topReads, vitalsSummary, HOUR_MS } from "./aggregate.mjs";

const REDIS_URL = process.env.REDIS_URL;

describe("the aggregates of a single instance (no Redis)", () => {
  afterEach(() => {
    resetAggregate();
    if (REDIS_URL) process.env.REDIS_URL = REDIS_URL;
  });

  it("counts each read once, for the site and its sections, over the last 24 hours", async () => {
    delete process.env.REDIS_URL;
    const now = Date.UTC(2026, 11, 6, 12, 30);
    for (let i = 0; i < 3; i++) recordRead("a", "news/local", now);
    recordRead("b", "sport", now);
    recordRead("old", "sport", now - 25 * HOUR_MS);
    await flush(now);
    expect(await topReads("site", 10, now)).toEqual([
      { slug: "a", reads: 3 },
      { slug: "b", reads: 1 },
    ]);
    expect(await topReads("section:news", 10, now)).toEqual([{ slug: "a", reads: 3 }]);
    expect(await topReads("section:sport", 10, now)).toEqual([{ slug: "b", reads: 1 }]);
    // Twenty-four hours later, the reads of that hour have left the window.
    expect(await topReads("site", 10, now + 24 * HOUR_MS)).toEqual([]);
  });

  it("keeps histograms per page type and answers p75", async () => {
    delete process.env.REDIS_URL;
    const now = Date.now();
    for (const lcp of [100, 200, 400, 450]) recordVitals("article", { LCP: lcp, CLS: 0 }, now);
    recordVitals("home", { TTFB: 90 }, now);
    await flush(now);
    const summary = await vitalsSummary(now);
    expect(summary?.article?.LCP?.count).toBe(4);
    expect(summary?.article?.LCP?.p75).toBe(375);
    expect(summary?.article?.CLS?.p75).toBe(0.00075);
    expect(summary?.home?.TTFB?.count).toBe(1);
  });
});
