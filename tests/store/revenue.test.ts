/**
 * Stripe's events in the reader data store (lib/revenue/events.ts) on SQLite and on a real PostgreSQL:
 * each event recorded and applied exactly once when its deliveries race — the same event delivered
 * twice at the same moment (on PostgreSQL to two instances: two stores on one database), then once
 * more late. The full burst
 * over HTTP, 5,000 events, is `npm run bench:burst` (docs/performance.md).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type Stripe from "stripe";
import { openStore, type Store } from "../../lib/store";
import { recordStripeEvent } from "../../lib/revenue/events";
import { countSupporters } from "../../lib/revenue/supporters";
import { postgresAvailable, postgresEngine, sqliteEngine, POSTGRES_TEST_PORT, type Engine } from "./engines";

const hasPostgres = postgresAvailable();
const CREATED = Math.floor(Date.UTC(2026, 11, 6, 9) / 1000);
const NOW = new Date(Date.UTC(2026, 11, 6, 12));

const gift = (i: number): Stripe.Event =>
  ({
    id: `evt_burst_${i}`,
    object: "event",
    created: CREATED + i,
    type: "checkout.session.completed",
    data: { object: { id: `cs_burst_${i}`, object: "checkout.session", mode: "payment", payment_status: "paid", payment_intent: `pi_burst_${i}`, amount_total: 500, currency: "eur", customer: `cus_burst_${i}`, metadata: { frequency: "once", from: "/support" } } },
  }) as unknown as Stripe.Event;

/** `instances`: stores opened on the one database (a SQLite file is never shared by two processes). */
function burst(engineName: Engine["name"], makeEngine: () => Promise<Engine>, instances: 1 | 2) {
  describe(`Stripe events on ${engineName}`, () => {
    let engine: Engine;
    const opened: Store[] = [];
    beforeAll(async () => {
      engine = await makeEngine();
    }, 120_000);
    afterAll(async () => {
      for (const store of opened.splice(0)) await store.close();
      await engine?.stop();
    });

    it(`records each of 300 gifts exactly once when ${instances === 2 ? "two instances receive" : "the instance receives"} every event twice at the same moment, and a late third copy changes nothing`, async () => {
      const target = await engine.fresh();
      const a = await openStore(target);
      const b = instances === 2 ? await openStore(target) : a;
      opened.push(...new Set([a, b]));
      const events = Array.from({ length: 300 }, (_, i) => gift(i));
      // Every delivery at once: each event to both instances.
      const results = await Promise.all(events.flatMap((event) => [recordStripeEvent(a, event), recordStripeEvent(b, event)]));
      const firsts = events.map((_, i) => Number(results[2 * i]) + Number(results[2 * i + 1]));
      expect(firsts.filter((n) => n !== 1), "events recorded as new by neither or by both instances").toEqual([]);
      // Stripe delivers some again later: acknowledged, nothing changes.
      expect(await Promise.all(events.slice(0, 50).map((event) => recordStripeEvent(a, event)))).toEqual(Array(50).fill(false));

      const recorded = await a.db.selectFrom("revenue_events").select("id").where("id", "like", "evt_burst_%").execute();
      expect(recorded).toHaveLength(300);
      const supports = await b.db.selectFrom("revenue_supporters").select(["id", "amount_minor", "status"]).where("id", "like", "pi_burst_%").execute();
      expect(supports).toHaveLength(300);
      expect(new Set(supports.map((s) => s.id)).size).toBe(300);
      expect(supports.every((s) => s.amount_minor === 500 && s.status === "paid")).toBe(true);
      expect(await countSupporters(a.db, NOW)).toBe(300);
    }, 120_000);
  });
}

burst("SQLite", async () => sqliteEngine(), 1);
describe.skipIf(!hasPostgres)("PostgreSQL (Debian postgresql on 127.0.0.1)", () => {
  // Its own server: the other store suites run in parallel on POSTGRES_TEST_PORT and + 1, 3, 4.
  burst("PostgreSQL", () => postgresEngine(POSTGRES_TEST_PORT + 5), 2);
});
