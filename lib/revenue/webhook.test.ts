import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Stripe from "stripe";
import { openStore, type Store } from "../store";
import { registry } from "../observability/metrics";
import { handleStripeWebhook } from "./webhook";

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
