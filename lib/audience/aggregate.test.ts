import { afterEach, describe, expect, it } from "vitest";
import { MAX_PENDING, attachStore, flush, recordRead, recordVitals, resetAggregate, topReads, vitalsSummary, HOUR_MS } from "./aggregate.mjs";
import { beaconMetrics } from "../observability/metrics.mjs";

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

describe("the beacons' counters (Prometheus, lib/observability)", () => {
  afterEach(() => {
    resetAggregate();
    if (REDIS_URL) process.env.REDIS_URL = REDIS_URL;
  });
  const value = async (outcome: string) => (await beaconMetrics().beacons.get()).values.find((v) => v.labels.outcome === outcome)?.value ?? 0;

  it("counts the beacons written by a flush, and those dropped when the pending counts reach their bound", async () => {
    delete process.env.REDIS_URL;
    const flushed = await value("flushed");
    const dropped = await value("dropped");
    const now = Date.now();
    recordRead("a", "news", now);
    recordVitals("article", { LCP: 900, CLS: 0 }, now);
    await flush(now);
    expect(await value("flushed")).toBe(flushed + 2);
    // The backend is away: counts pile up to the bound, then the beacons that need a new count are dropped.
    let refuse = true;
    attachStore({ add: async () => { if (refuse) throw new Error("down"); }, topReads: async () => [], vitals: async () => [] });
    for (let i = 0; i < MAX_PENDING; i++) recordRead(`s${i}`, "", now);
    expect(await value("dropped")).toBe(dropped);
    recordRead("one-too-many", "", now);
    expect(await value("dropped")).toBe(dropped + 1);
    // The bound is per kind of count: a page view's figures are still kept.
    recordVitals("home", { TTFB: 80 }, now);
    expect(await value("dropped")).toBe(dropped + 1);
    await flush(now);
    expect(await value("flushed")).toBe(flushed + 2);
    refuse = false;
    await flush(now);
    expect(await value("flushed")).toBe(flushed + 2 + MAX_PENDING + 1);
  });
});
