import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type Stripe from "stripe";
import { openStore, type Store } from "../store";
import { revenueOffer } from "./offer";
import { parseChoice, sameOriginReturn, sessionParams } from "./checkout";
import { supporterCookieValue, verifySupporterCookie } from "./supporter-cookie";
import { recordStripeEvent } from "./events";
import { countSupporters } from "./supporters";
import { exportSupporter, forgetSupporter } from "./supporter-data";
import type { DonationConfig } from "../config/site";

const config: DonationConfig = {
  headline: "h",
  message: "m",
  currency: "EUR",
  amounts: [1, 5],
  providers: [
    { label: "Credit card", url: "https://donate.example/?a={amount}" },
    { label: "PayPal", url: "https://www.paypal.com/donate?amount={amount}" },
  ],
  frequencies: { once: [5, 10, 25], monthly: [3, 7, 15], yearly: [30, 70, 150] },
  defaultFrequency: "monthly",
  stripe: true,
  goal: { supporters: 1500, by: undefined },
};
const ON = { STRIPE_SECRET_KEY: "sk_test_x" };

describe("the offer", () => {
  it("is the first release's box (null) unless STRIPE_SECRET_KEY is set and site.yml allows it", () => {
    expect(revenueOffer(config, {})).toBeNull();
    expect(revenueOffer({ ...config, stripe: false }, ON)).toBeNull();
    const offer = revenueOffer(config, ON)!;
    expect(offer.frequencies.map((f) => f.id)).toEqual(["once", "monthly", "yearly"]);
    expect(offer.defaultFrequency).toBe("monthly");
    expect(offer.linkProviders.map((p) => p.slug)).toEqual(["paypal"]);
  });
});

describe("the checkout form", () => {
  const offer = revenueOffer(config, ON)!;
  const form = (fields: Record<string, string>) => new URLSearchParams(fields);
  it("takes a preset of the chosen frequency, or a typed amount within bounds", () => {
    expect(parseChoice(form({ frequency: "monthly", "amount-monthly": "7", from: "/news/a" }), offer)).toEqual({ ok: true, frequency: "monthly", amount: 7, way: "card", from: "/news/a" });
    expect(parseChoice(form({ frequency: "monthly", "amount-monthly": "10" }), offer)).toEqual({ ok: false, problem: "amount" });
    expect(parseChoice(form({ frequency: "once", custom: "12,50" }), offer)).toMatchObject({ ok: true, amount: 12.5 });
    for (const custom of ["0.5", "10001", "1e3", "-1", "5.123"]) expect(parseChoice(form({ frequency: "once", custom }), offer)).toEqual({ ok: false, problem: "amount" });
    expect(parseChoice(form({ frequency: "weekly", custom: "5" }), offer)).toEqual({ ok: false, problem: "frequency" });
    expect(parseChoice(form({ frequency: "monthly", custom: "5", way: "paypal" }), offer)).toEqual({ ok: false, problem: "way" });
    expect(parseChoice(form({ frequency: "once", custom: "5", from: "//evil.example" }), offer)).toMatchObject({ from: "/support" });
  });
  it("accepts only same-origin requests", () => {
    const req = (headers: Record<string, string>) => new Request("http://x/api/support/checkout", { method: "POST", headers });
    expect(sameOriginReturn(req({ host: "news.example", origin: "https://news.example", "sec-fetch-site": "same-origin" }))).toBe("https://news.example");
    expect(sameOriginReturn(req({ host: "news.example", origin: "https://evil.example" }))).toBeNull();
    expect(sameOriginReturn(req({ host: "news.example" }))).toBeNull();
    expect(sameOriginReturn(req({ host: "news.example", origin: "https://news.example", "sec-fetch-site": "cross-site" }))).toBeNull();
  });
  it("makes a subscription for monthly and a payment for one-off, in minor units, with the page it came from", () => {
    const monthly = sessionParams({ ok: true, frequency: "monthly", amount: 7, way: "card", from: "/news/a" }, offer, "https://news.example", "Support", "fr");
    expect(monthly).toMatchObject({ mode: "subscription", metadata: { frequency: "monthly", from: "/news/a" }, cancel_url: "https://news.example/news/a#support-cancelled", locale: "fr" });
    expect(monthly.line_items![0].price_data).toMatchObject({ currency: "eur", unit_amount: 700, recurring: { interval: "month" } });
    expect(monthly.success_url).toBe("https://news.example/api/support/return?session_id={CHECKOUT_SESSION_ID}");
    const once = sessionParams({ ok: true, frequency: "once", amount: 12.5, way: "card", from: "/" }, offer, "https://news.example", "Support", "ar");
    expect(once).toMatchObject({ mode: "payment", submit_type: "donate", locale: "auto" });
    expect(once.line_items![0].price_data!.unit_amount).toBe(1250);
  });
});

describe("the supporter cookie", () => {
  it("is signed and expires: a year for recurring, 90 days for one-off", () => {
    const now = Date.UTC(2026, 11, 6);
    const { value, maxAge } = supporterCookieValue("month", "secret", now);
    expect(maxAge).toBe(365 * 86_400);
    expect(verifySupporterCookie(value, "secret", now)).toMatchObject({ interval: "month" });
    expect(verifySupporterCookie(value, "other", now)).toBeNull();
    expect(verifySupporterCookie(value.replace("month.", "year."), "secret", now)).toBeNull();
    expect(verifySupporterCookie(value, "secret", now + 366 * 86_400_000)).toBeNull();
    expect(supporterCookieValue("once", "secret", now).maxAge).toBe(90 * 86_400);
  });
});

describe("events in the reader data store (SQLite)", () => {
  let store: Store;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "masthead-revenue-"));
    store = await openStore({ env: { DATA_DIR: path.join(dir, "data"), CONTENT_DIR: path.join(dir, "content") }, cwd: dir });
  });
  afterAll(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  let n = 0;
  const event = (type: string, object: Record<string, unknown>, created = 1_790_000_000 + n): Stripe.Event =>
    ({ id: `evt_${++n}`, object: "event", created, type, data: { object } }) as unknown as Stripe.Event;
  const subscription = (id: string, status: string) => ({ id, object: "subscription", status, currency: "eur", customer: "cus_1", metadata: {}, ended_at: null, items: { data: [{ quantity: 1, price: { unit_amount: 700, recurring: { interval: "month" } } }] } });

  it("counts a subscription and a one-off gift once each, whatever is replayed or late", async () => {
    const now = new Date(1_790_000_000_000);
    const completed = event("checkout.session.completed", { id: "cs_1", mode: "subscription", subscription: "sub_1", amount_total: 700, currency: "eur", customer: "cus_1", metadata: { frequency: "monthly", from: "/news/a" }, payment_status: "paid" });
    expect(await recordStripeEvent(store, completed)).toBe(true);
    expect(await recordStripeEvent(store, completed)).toBe(false);
    const gift = event("checkout.session.completed", { id: "cs_2", mode: "payment", payment_intent: "pi_1", payment_status: "paid", amount_total: 2500, currency: "eur", customer: "cus_2", metadata: { frequency: "once" } });
    await recordStripeEvent(store, gift);
    expect(await countSupporters(store.db, now)).toBe(2);
    // An unknown event is recorded and changes nothing.
    expect(await recordStripeEvent(store, event("customer.created", { id: "cus_3" }))).toBe(true);
    // Cancelled, then a late "updated" from before the cancellation: still cancelled.
    await recordStripeEvent(store, event("customer.subscription.deleted", subscription("sub_1", "canceled"), 1_790_000_100));
    await recordStripeEvent(store, event("customer.subscription.updated", subscription("sub_1", "active"), 1_790_000_050));
    expect(await countSupporters(store.db, now)).toBe(1);
    await recordStripeEvent(store, event("charge.refunded", { id: "ch_1", payment_intent: "pi_1", refunded: true }, 1_790_000_200));
    expect(await countSupporters(store.db, now)).toBe(0);
    const rows = await store.db.selectFrom("revenue_supporters").selectAll().orderBy("id").execute();
    expect(rows.map((r) => [r.id, r.interval, r.amount_minor, r.currency, r.status, r.source_path])).toEqual([
      ["pi_1", "once", 2500, "EUR", "refunded", null],
      ["sub_1", "month", 700, "EUR", "canceled", "/news/a"],
    ]);
  });

  it("exports and forgets a supporter by any Stripe reference; nothing Stripe delivers later brings them back", async () => {
    const now = new Date(1_790_000_000_000);
    const monthly = event("checkout.session.completed", { id: "cs_10", mode: "subscription", subscription: "sub_10", amount_total: 300, currency: "usd", customer: "cus_10", metadata: { frequency: "monthly", from: "/support" }, payment_status: "paid" });
    const gift = event("checkout.session.completed", { id: "cs_11", mode: "payment", payment_intent: "pi_11", payment_status: "paid", amount_total: 1000, currency: "usd", customer: "cus_10", metadata: { frequency: "once" } });
    const other = event("checkout.session.completed", { id: "cs_12", mode: "payment", payment_intent: "pi_12", payment_status: "paid", amount_total: 500, currency: "usd", customer: "cus_12", metadata: { frequency: "once" } });
    for (const e of [monthly, gift, other]) await recordStripeEvent(store, e);
    const before = await countSupporters(store.db, now);
    // Asked by the payment the reader remembers: both of that customer's supports, and only theirs.
    const data = await exportSupporter(store.db, "pi_11");
    expect(data.customers).toEqual(["cus_10"]);
    expect(data.supports.map((r) => [r.id, r.interval, r.amount_minor, r.currency, r.status])).toEqual([
      ["sub_10", "month", 300, "USD", "active"],
      ["pi_11", "once", 1000, "USD", "paid"],
    ]);
    expect(JSON.stringify(data)).not.toMatch(/@|card|email/i);
    expect((await exportSupporter(store.db, "cs_10")).supports).toHaveLength(2);
    expect(await exportSupporter(store.db, "cus_nobody")).toEqual({ customers: [], supports: [] });

    expect(await forgetSupporter(store.db, "sub_10")).toBe(2);
    expect((await exportSupporter(store.db, "cus_10")).supports).toEqual([]);
    expect(await countSupporters(store.db, now)).toBe(before - 2);
    // Stripe cancels the subscription afterwards and retries the checkout event: still forgotten.
    await recordStripeEvent(store, event("customer.subscription.deleted", { ...subscription("sub_10", "canceled"), customer: "cus_10" }, 1_790_000_900));
    await recordStripeEvent(store, { ...gift, id: "evt_gift_again" } as Stripe.Event);
    expect((await exportSupporter(store.db, "cus_10")).supports).toEqual([]);
    // The other reader is untouched; deleting them in Stripe (customer.deleted) forgets them here.
    expect((await exportSupporter(store.db, "pi_12")).supports).toHaveLength(1);
    await recordStripeEvent(store, event("customer.deleted", { id: "cus_12", object: "customer" }));
    expect((await exportSupporter(store.db, "pi_12")).supports).toEqual([]);
    await recordStripeEvent(store, { ...other, id: "evt_other_again" } as Stripe.Event);
    expect((await exportSupporter(store.db, "cus_12")).supports).toEqual([]);
    // What is left of them is a hash: no Stripe id of theirs is stored any more.
    const kept = JSON.stringify(await store.db.selectFrom("revenue_forgotten").selectAll().execute());
    expect(kept).not.toMatch(/cus_1[02]|sub_10|pi_1[12]/);
  });
});
