/**
 * "Most read" and real-user speed in the reader data store (lib/audience/store.ts), the backend of the
 * counts when REDIS_URL is unset: the same expectations on SQLite and on a real PostgreSQL. Every read
 * recorded is counted exactly once — through the process's aggregates, across a restart, from two
 * instances writing at the same moment, and after a failed write is retried.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "../../lib/store";
import { audienceStore, processAudienceStore } from "../../lib/audience/store";
import { attachStore, backendName, flush, pendingStats, recordRead, recordVitals, resetAggregate, topReads, vitalsSummary, HOUR_MS } from "../../lib/audience/aggregate.mjs";
import { postgresAvailable, postgresEngine, sqliteEngine, POSTGRES_TEST_PORT, type Engine } from "./engines";

const hasPostgres = postgresAvailable();
const NOW = Date.UTC(2026, 11, 6, 12, 30);
const REDIS_URL = process.env.REDIS_URL;

/** Articles and their sections, as the beacon endpoint passes them. */
const ARTICLES = [
  { slug: "budget-vote", section: "news/politics" },
  { slug: "harbour-fire", section: "news/local" },
  { slug: "cup-final", section: "sport" },
  { slug: "jazz-night", section: "culture" },
  { slug: "tram-strike", section: "news/local" },
];

function audience(engineName: Engine["name"], makeEngine: () => Promise<Engine>) {
  describe(`the read counts in the reader data store on ${engineName}`, () => {
    let engine: Engine;
    const opened: Store[] = [];
    const open = async (target: { env: Record<string, string>; cwd: string }) => {
      const store = await openStore(target);
      opened.push(store);
      return store;
    };

    beforeAll(async () => {
      delete process.env.REDIS_URL;
      engine = await makeEngine();
    }, 120_000);
    afterEach(() => resetAggregate());
    afterAll(async () => {
      if (REDIS_URL) process.env.REDIS_URL = REDIS_URL;
      for (const store of opened) await store.close();
      await engine?.stop();
    }, 60_000);

    it("counts N reads spread over articles exactly N times, per site and per section, and keeps them across a restart", async () => {
      const target = await engine.fresh();
      attachStore(audienceStore(await open(target)));
      expect(backendName()).toBe("store");
      // 1,000 reads: article i gets (i + 1) × 10 … spread over two hours of the window.
      const expected = new Map<string, number>();
      let sent = 0;
      for (let round = 0; round < 200; round++) {
        for (const [i, { slug, section }] of ARTICLES.entries()) {
          if (round % ARTICLES.length > i + 1) continue;
          recordRead(slug, section, NOW - (round % 2) * HOUR_MS);
          expected.set(slug, (expected.get(slug) ?? 0) + 1);
          sent++;
        }
        if (round % 50 === 49) await flush(NOW);
      }
      await flush(NOW);
      expect(pendingStats()).toEqual({ reads: 0, vitals: 0, dropped: 0 });
      const site = await topReads("site", 10, NOW);
      expect(site?.reduce((a, b) => a + b.reads, 0)).toBe(sent);
      expect(new Map(site?.map((r) => [r.slug, r.reads]))).toEqual(expected);
      expect(site?.map((r) => r.slug)).toEqual([...expected].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([slug]) => slug));
      // A section counts its own articles and those of its subsections.
      expect(await topReads("section:news", 10, NOW)).toEqual(
        ["budget-vote", "harbour-fire", "tram-strike"].map((slug) => ({ slug, reads: expected.get(slug) })).sort((a, b) => b.reads! - a.reads! || (a.slug < b.slug ? -1 : 1)),
      );
      expect(await topReads("section:news/local", 10, NOW)).toHaveLength(2);
      expect(await topReads("section:sport", 10, NOW)).toEqual([{ slug: "cup-final", reads: expected.get("cup-final") }]);

      // The server restarts: a new process opens the same database and finds every read.
      resetAggregate();
      attachStore(audienceStore(await open(target)));
      expect(await topReads("site", 10, NOW)).toEqual(site);
    });

    it("leaves out, then deletes, the hours that left the last 24", async () => {
      const target = await engine.fresh();
      const store = await open(target);
      attachStore(audienceStore(store));
      const hourOf = (ms: number) => Math.floor(ms / HOUR_MS);
      const hours = async () => (await store.db.selectFrom("audience_reads").select("hour").distinct().orderBy("hour").execute()).map((r) => r.hour);
      recordRead("budget-vote", "news/politics", NOW - 30 * HOUR_MS);
      await flush(NOW);
      expect(await hours()).toEqual([hourOf(NOW - 30 * HOUR_MS)]);
      expect(await topReads("site", 10, NOW)).toEqual([]);
      recordRead("cup-final", "sport", NOW - 23 * HOUR_MS);
      recordRead("jazz-night", "culture", NOW);
      await flush(NOW);
      expect(await topReads("site", 10, NOW)).toEqual([
        { slug: "cup-final", reads: 1 },
        { slug: "jazz-night", reads: 1 },
      ]);
      expect(await topReads("site", 10, NOW + 2 * HOUR_MS)).toEqual([{ slug: "jazz-night", reads: 1 }]);
      // The write of a newer hour deleted what is older than the window.
      expect(await hours()).toEqual([hourOf(NOW - 23 * HOUR_MS), hourOf(NOW)]);
    });

    // Several instances share PostgreSQL; a SQLite file is one process's (the embedded default).
    it.skipIf(engineName === "SQLite")("adds up two instances writing the same rows at the same moment", async () => {
      const target = await engine.fresh();
      const a = audienceStore(await open(target));
      const b = audienceStore(await open(target));
      const hour = Math.floor(NOW / HOUR_MS);
      const rows = (n: number) => ARTICLES.map(({ slug }) => ({ hour, scope: "site", slug, count: n }));
      const vitals = (n: number) => [{ hour, pageType: "article", metric: "LCP", bucket: 3, count: n }];
      // 20 flushes from each instance, all at once, over the same keys (each in its own order).
      await Promise.all(
        Array.from({ length: 20 }, (_, i) => [a.add(rows(1), vitals(1)), b.add(rows(2).reverse(), vitals(2))]).flat(),
      );
      const top = await a.topReads("site", hour - 23, 10);
      expect(top).toEqual([...ARTICLES].map(({ slug }) => ({ slug, reads: 60 })).sort((x, y) => (x.slug < y.slug ? -1 : 1)));
      expect(await b.vitals(hour - 23)).toEqual([{ hour: hour - 23, pageType: "article", metric: "LCP", bucket: 3, count: 60 }]);
    });

    it("keeps a flush the database refused and writes it once when it answers again", async () => {
      const target = await engine.fresh();
      const real = audienceStore(await open(target));
      let refuse = true;
      attachStore({
        add: (reads, vitals) => (refuse ? Promise.reject(new Error("connection refused")) : real.add(reads, vitals)),
        topReads: (...args) => real.topReads(...args),
        vitals: (...args) => real.vitals(...args),
      });
      for (let i = 0; i < 7; i++) recordRead("harbour-fire", "news/local", NOW);
      recordVitals("article", { LCP: 1800, CLS: 0.02 }, NOW);
      await flush(NOW);
      expect(pendingStats()).toMatchObject({ reads: 3, vitals: 2 });
      expect(await topReads("site", 10, NOW)).toEqual([]);
      refuse = false;
      await flush(NOW);
      await flush(NOW);
      expect(pendingStats()).toEqual({ reads: 0, vitals: 0, dropped: 0 });
      expect(await topReads("site", 10, NOW)).toEqual([{ slug: "harbour-fire", reads: 7 }]);
      expect(await topReads("section:news", 10, NOW)).toEqual([{ slug: "harbour-fire", reads: 7 }]);
      const summary = await vitalsSummary(NOW);
      expect(summary?.article?.LCP?.count).toBe(1);
      expect(summary?.article?.CLS?.count).toBe(1);
    });

    it("opens the process's store on first use and answers p75 per page type from it", async () => {
      const target = await engine.fresh();
      attachStore(processAudienceStore(() => open(target)));
      for (const lcp of [100, 200, 400, 450]) recordVitals("article", { LCP: lcp, CLS: 0 }, NOW);
      recordVitals("home", { TTFB: 90 }, NOW);
      await flush(NOW);
      const summary = await vitalsSummary(NOW);
      // The same figures as the embedded memory gives (lib/audience/aggregate.test.ts).
      expect(summary?.article?.LCP).toMatchObject({ count: 4, p75: 375 });
      expect(summary?.article?.CLS?.p75).toBe(0.00075);
      expect(summary?.home?.TTFB?.count).toBe(1);
    });
  });
}

audience("SQLite", async () => sqliteEngine());
describe.skipIf(!hasPostgres)("PostgreSQL (Debian postgresql on 127.0.0.1)", () => {
  // Its own server: the conformance suite runs in parallel on POSTGRES_TEST_PORT.
  audience("PostgreSQL", () => postgresEngine(POSTGRES_TEST_PORT + 1));
});
