import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Stripe from "stripe";
import { openStore, type Store } from "../store";
import { registry } from "../observability/metrics";
import { handleStripeWebhook, supportRefreshThrottle } from "./webhook";

// The webhook's door (app/api/webhooks/stripe/route.ts): what it refuses, what it acknowledges, and
// the counts an operator sees in masthead_stripe_events_total / masthead_stripe_webhook_rejected_total.
const SECRET = "whsec_unit_0123456789";
const env = { STRIPE_SECRET_KEY: "sk_test_unit_0123456789", STRIPE_WEBHOOK_SECRET: SECRET };
const stripe = new Stripe(env.STRIPE_SECRET_KEY);

async function metric(name: string, labels: Record<string, string>): Promise<number> {
  const found = (await registry().getMetricsAsJSON()).find((m) => m.name === name);
  const value = found?.values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l));
  return value?.value ?? 0;
}
const rejected = (reason: string) => metric("masthead_stripe_webhook_rejected_total", { reason });
const outcome = (type: string, outcome: string) => metric("masthead_stripe_events_total", { type, outcome });

describe("the Stripe webhook", () => {
  let store: Store;
  let dir: string;
  const refreshed: string[] = [];
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "masthead-webhook-"));
    store = await openStore({ env: { DATA_DIR: path.join(dir, "data"), CONTENT_DIR: path.join(dir, "content") }, cwd: dir });
  });
  afterAll(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const deliver = (body: string, headers: Record<string, string>) =>
    handleStripeWebhook(new Request("http://127.0.0.1/api/webhooks/stripe", { method: "POST", body, headers }), { env, store: async () => store, refresh: () => refreshed.push("/support") });
  const signed = (body: string, secret = SECRET) => ({ "Stripe-Signature": stripe.webhooks.generateTestHeaderString({ payload: body, secret }) });
  const eventBody = (id: string, type: string, object: Record<string, unknown>) => JSON.stringify({ id, object: "event", created: 1_790_000_000, type, data: { object } });

  it("records a signed event once, refreshes /support for a new one, and acknowledges a replay", async () => {
    const body = eventBody("evt_w1", "checkout.session.completed", { id: "cs_w1", mode: "payment", payment_intent: "pi_w1", payment_status: "paid", amount_total: 1000, currency: "usd", customer: "cus_w1", metadata: { frequency: "once" } });
    const processed = await outcome("checkout.session.completed", "processed");
    const duplicate = await outcome("checkout.session.completed", "duplicate");
    const first = await deliver(body, signed(body));
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: true, duplicate: false });
    const again = await deliver(body, signed(body));
    expect(await again.json()).toEqual({ received: true, duplicate: true });
    expect(refreshed).toEqual(["/support"]);
    expect(await outcome("checkout.session.completed", "processed")).toBe(processed + 1);
    expect(await outcome("checkout.session.completed", "duplicate")).toBe(duplicate + 1);
  });

  it("refreshes /support at once for the first event after a quiet spell, then once at the end of the window however many events come (decision 0162)", async () => {
    let now = 1_000_000;
    const done: number[] = [];
    const later: { at: number; run: () => void }[] = [];
    const deps = {
      env,
      store: async () => store,
      refresh: () => done.push(now),
      throttle: supportRefreshThrottle(10_000, () => now),
      later: (ms: number, run: () => void) => later.push({ at: now + ms, run }),
    };
    const gift = (i: number) => eventBody(`evt_t${i}`, "checkout.session.completed", { id: `cs_t${i}`, mode: "payment", payment_intent: `pi_t${i}`, payment_status: "paid", amount_total: 500, currency: "usd", customer: `cus_t${i}`, metadata: { frequency: "once" } });
    const deliver = async (i: number) => {
      const body = gift(i);
      expect((await handleStripeWebhook(new Request("http://127.0.0.1/api/webhooks/stripe", { method: "POST", body, headers: signed(body) }), deps)).status).toBe(200);
    };
    await deliver(0);
    expect(done).toEqual([1_000_000]);
    // A burst: 20 events in the next 4 seconds; one refresh is scheduled, at the end of the window.
    for (let i = 1; i <= 20; i++) {
      now += 200;
      await deliver(i);
    }
    expect(done).toEqual([1_000_000]);
    expect(later.map((l) => l.at)).toEqual([1_010_000]);
    // A replay is no news: nothing more is scheduled.
    await deliver(20);
    expect(later).toHaveLength(1);
    now = 1_010_000;
    later.shift()!.run();
    expect(done).toEqual([1_000_000, 1_010_000]);
    // An event just after: within the new window, so at its end; after a quiet spell, at once.
    now += 1_000;
    await deliver(21);
    expect(later.map((l) => l.at)).toEqual([1_020_000]);
    now = 1_020_000;
    later.shift()!.run();
    now += 60_000;
    await deliver(22);
    expect(done).toEqual([1_000_000, 1_010_000, 1_020_000, 1_080_000]);
    expect(later).toEqual([]);
    // A scheduled refresh that never ran (the process was stopping) holds nothing back for long:
    // a whole window after it was due, the next event refreshes at once.
    now += 1_000;
    await deliver(23);
    expect(later.map((l) => l.at)).toEqual([1_090_000]);
    later.length = 0;
    now = 1_090_000 + 10_000;
    await deliver(24);
    expect(done.at(-1)).toBe(1_100_000);
  });

  it("refreshes at once when the later refresh cannot be scheduled", async () => {
    let now = 5_000_000;
    const done: number[] = [];
    const throttle = supportRefreshThrottle(10_000, () => now);
    throttle.next(); // a refresh just happened
    const body = eventBody("evt_s1", "invoice.paid", { id: "in_s1" });
    const response = await handleStripeWebhook(new Request("http://127.0.0.1/api/webhooks/stripe", { method: "POST", body, headers: signed(body) }), {
      env,
      store: async () => store,
      refresh: () => done.push(now),
      throttle,
      later: () => {
        throw new Error("outside a request");
      },
    });
    expect(response.status).toBe(200);
    expect(done).toEqual([5_000_000]);
    now += 1_000;
    expect(throttle.next()).toEqual({ refresh: "later", ms: 9_000 });
  });

  it("acknowledges an event type it does not handle, counted as ignored", async () => {
    const body = eventBody("evt_w2", "customer.created", { id: "cus_w2" });
    const before = await outcome("customer.created", "ignored");
    const response = await deliver(body, signed(body));
    expect(response.status).toBe(200);
    expect(await outcome("customer.created", "ignored")).toBe(before + 1);
    expect(await outcome("customer.created", "processed")).toBe(0);
  });

  it("refuses a missing or bad signature, a body that is too large and a signed body that is not an event, each counted as rejected with its reason", async () => {
    const body = eventBody("evt_w3", "checkout.session.completed", { id: "cs_w3" });
    const counts = { signature: await rejected("signature"), too_large: await rejected("too_large"), malformed: await rejected("malformed") };

    expect((await deliver(body, {})).status).toBe(400);
    expect((await deliver(body, signed(body, "whsec_someone_else"))).status).toBe(400);
    expect((await deliver(body, { "Stripe-Signature": `t=${Math.floor(Date.now() / 1000)},v1=${"0".repeat(64)}` })).status).toBe(400);
    expect(await rejected("signature")).toBe(counts.signature + 3);

    const huge = "x".repeat(300 * 1024);
    expect((await deliver(huge, signed(huge))).status).toBe(413);
    expect(await rejected("too_large")).toBe(counts.too_large + 1);

    // Signed with the right secret but not an event Stripe would send: refused for good (400), never
    // a 5xx that Stripe would retry for days.
    for (const bad of ["not json", "[]", JSON.stringify({ id: "evt_w4", object: "event", type: "invoice.paid", data: { object: {} } }), JSON.stringify({ id: 7, object: "event", created: 1, type: "invoice.paid", data: { object: {} } }), JSON.stringify({ id: "evt_w5", object: "event", created: 1, type: "invoice.paid", data: null })]) {
      const response = await deliver(bad, signed(bad));
      expect(response.status, bad).toBe(400);
      expect(await response.text()).not.toMatch(/at .*\.[jt]s|Error:/);
    }
    expect(await rejected("malformed")).toBe(counts.malformed + 5);
    // Nothing refused was recorded.
    expect(await store.db.selectFrom("revenue_events").select("id").where("id", "in", ["evt_w3", "evt_w4", "evt_w5"]).execute()).toEqual([]);
  });

  it("answers 503 (Stripe retries) when the store cannot record the event, counted as failed", async () => {
    const body = eventBody("evt_w6", "invoice.paid", { id: "in_w6" });
    const before = await outcome("invoice.paid", "failed");
    const response = await handleStripeWebhook(new Request("http://127.0.0.1/api/webhooks/stripe", { method: "POST", body, headers: signed(body) }), {
      env,
      store: async () => {
        throw new Error("database is down");
      },
      refresh: () => {},
    });
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("10");
    expect(await outcome("invoice.paid", "failed")).toBe(before + 1);
  });

  it("is not there without Stripe (404)", async () => {
    const response = await handleStripeWebhook(new Request("http://127.0.0.1/api/webhooks/stripe", { method: "POST", body: "{}" }), { env: {}, store: async () => store, refresh: () => {} });
    expect(response.status).toBe(404);
  });
});
