#!/usr/bin/env node
// A local stand-in of Stripe's API for tests (Stripe cannot be reached from CI). It answers the
// calls Masthead makes through the official SDK with the shapes of Stripe's API reference, serves a
// checkout page at the session's URL whose "Pay" button returns to success_url, and then delivers
// the matching events to the webhook, signed as Stripe signs them (the SDK's
// webhooks.generateTestHeaderString), retrying a non-2xx answer as Stripe does.
//
//   STRIPE_SECRET_KEY=… STRIPE_WEBHOOK_SECRET=… WEBHOOK_URL=http://127.0.0.1:3127/api/webhooks/stripe \
//     node tests/stripe/stand-in.mjs --port 12111
//
// Endpoints (Stripe's): POST /v1/checkout/sessions, GET /v1/checkout/sessions/:id, POST /v1/refunds,
// DELETE /v1/subscriptions/:id, GET /v1/subscriptions/:id, DELETE /v1/customers/:id. The checkout page: GET/POST /pay/:id.
// Test controls (not Stripe's): GET /_stand-in/events, POST /_stand-in/events/:id/resend,
// POST /_stand-in/burst?count=N&copies=2 (N one-off payments, each event delivered `copies` times at once).
import { createServer } from "node:http";
import { randomBytes } from "node:crypto";
import Stripe from "stripe";

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const PORT = Number(arg("port", process.env.STAND_IN_PORT || 12111));
const KEY = process.env.STRIPE_SECRET_KEY;
const SECRET = process.env.STRIPE_WEBHOOK_SECRET;
const WEBHOOK_URL = process.env.WEBHOOK_URL;
// Several webhook URLs (comma-separated: instances sharing one database) take turns in a burst.
const WEBHOOK_URLS = (WEBHOOK_URL ?? "").split(",").filter(Boolean);
if (!KEY || !SECRET || !WEBHOOK_URL) {
  console.error("stand-in: STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET and WEBHOOK_URL are required");
  process.exit(2);
}
const stripe = new Stripe(KEY);
const API_VERSION = "2026-11-18.endive";
const ORIGIN = `http://127.0.0.1:${PORT}`;

const id = (prefix) => `${prefix}_test_${randomBytes(12).toString("base64url").replace(/[-_]/g, "x")}`;
const now = () => Math.floor(Date.now() / 1000);

const sessions = new Map();
const subscriptions = new Map();
const charges = new Map(); // by payment intent
const events = []; // { event, deliveries: [{status}] }

// ---- form bodies: Stripe's bracket notation (line_items[0][price_data][currency]=usd) ----
function parseForm(text) {
  const out = {};
  for (const [rawKey, value] of new URLSearchParams(text)) {
    const parts = rawKey.replace(/\]/g, "").split("[");
    let node = out;
    parts.forEach((part, i) => {
      const key = /^\d+$/.test(part) ? Number(part) : part;
      if (i === parts.length - 1) node[key] = value;
      else node = node[key] ??= /^\d+$/.test(parts[i + 1]) ? [] : {};
    });
  }
  return out;
}

function send(res, status, body, headers = {}) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { "Content-Type": typeof body === "string" ? "text/html; charset=utf-8" : "application/json", "Request-Id": id("req"), ...headers });
  res.end(text);
}
const stripeError = (res, status, message, extra = {}) => send(res, status, { error: { type: "invalid_request_error", message, ...extra } });

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on("data", (c) => {
      size += c.length;
      if (size > 1 << 20) reject(new Error("too large"));
      else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

// ---- events ----
function makeEvent(type, object) {
  return { id: id("evt"), object: "event", api_version: API_VERSION, created: now(), data: { object }, livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, type };
}

async function deliverOnce(event, url = WEBHOOK_URLS[0]) {
  const payload = JSON.stringify(event, null, 2);
  const header = stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET });
  try {
    const response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json; charset=utf-8", "Stripe-Signature": header, "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)" }, body: payload });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

/** Delivers an event, retrying a failure (Stripe retries for days; here a few times, quickly). */
async function deliver(record) {
  for (let attempt = 0; attempt < 6; attempt++) {
    const status = await deliverOnce(record.event);
    record.deliveries.push(status);
    if (status >= 200 && status < 300) return status;
    await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
  }
  return record.deliveries.at(-1);
}

function emit(type, object) {
  const record = { event: makeEvent(type, structuredClone(object)), deliveries: [] };
  events.push(record);
  return record;
}

/** Events of one change go out in order, after the reader's redirect. */
function emitInOrder(list) {
  const records = list.map(([type, object]) => emit(type, object));
  setTimeout(async () => {
    for (const record of records) await deliver(record);
  }, 50);
  return records;
}

// ---- objects ----
function subscriptionFor(session, customer) {
  const item = session.line_items[0];
  return {
    id: id("sub"),
    object: "subscription",
    customer,
    status: "active",
    currency: item.price_data.currency,
    created: now(),
    ended_at: null,
    canceled_at: null,
    cancel_at_period_end: false,
    metadata: session.subscription_data?.metadata ?? {},
    items: {
      object: "list",
      data: [
        {
          id: id("si"),
          object: "subscription_item",
          quantity: Number(item.quantity ?? 1),
          price: {
            id: id("price"),
            object: "price",
            currency: item.price_data.currency,
            unit_amount: Number(item.price_data.unit_amount),
            recurring: { interval: item.price_data.recurring.interval, interval_count: 1 },
            product: id("prod"),
            type: "recurring",
          },
        },
      ],
      has_more: false,
      url: "/v1/subscription_items",
    },
  };
}

function chargeFor(paymentIntent, amount, currency, customer) {
  return { id: id("ch"), object: "charge", amount, amount_refunded: 0, currency, customer, payment_intent: paymentIntent, paid: true, refunded: false, status: "succeeded", created: now() };
}

function complete(session) {
  const customer = id("cus");
  session.status = "complete";
  session.payment_status = "paid";
  session.customer = customer;
  if (session.mode === "subscription") {
    const sub = subscriptionFor(session, customer);
    subscriptions.set(sub.id, sub);
    session.subscription = sub.id;
    const invoice = {
      id: id("in"),
      object: "invoice",
      amount_paid: session.amount_total,
      amount_due: session.amount_total,
      currency: session.currency,
      customer,
      status: "paid",
      created: now(),
      parent: { type: "subscription_details", quote_details: null, subscription_details: { subscription: sub.id, metadata: sub.metadata } },
    };
    return emitInOrder([
      ["customer.subscription.created", sub],
      ["checkout.session.completed", session],
      ["invoice.paid", invoice],
    ]);
  }
  const pi = id("pi");
  session.payment_intent = pi;
  charges.set(pi, chargeFor(pi, session.amount_total, session.currency, customer));
  return emitInOrder([
    ["charge.succeeded", charges.get(pi)],
    ["checkout.session.completed", session],
  ]);
}

function checkoutPage(session) {
  const amount = (session.amount_total / 100).toFixed(2);
  const every = session.mode === "subscription" ? ` every ${session.line_items[0].price_data.recurring.interval}` : "";
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Stripe Checkout (test stand-in)</title>
<meta name="viewport" content="width=device-width"></head><body style="font-family:sans-serif;max-width:30rem;margin:3rem auto">
<h1>Test checkout</h1><p data-testid="stand-in-amount">${session.currency.toUpperCase()} ${amount}${every}</p>
<p>${session.line_items[0].price_data.product_data.name.replace(/[<>&"]/g, "")}</p>
<form method="post" action="/pay/${session.id}"><button type="submit">Pay</button></form>
<p><a href="${session.cancel_url.replace(/"/g, "&quot;")}">Cancel and go back</a></p></body></html>`;
}

function validSession(body) {
  const item = body.line_items?.[0];
  if (body.mode !== "payment" && body.mode !== "subscription") return "Invalid mode";
  if (!item?.price_data?.currency || !/^[a-z]{3}$/.test(item.price_data.currency)) return "Invalid currency";
  const unit = Number(item.price_data.unit_amount);
  if (!Number.isInteger(unit) || unit < 50 || unit > 99999999) return "Invalid unit_amount: must be an integer of at least 50";
  if (body.mode === "subscription" && !["month", "year", "week", "day"].includes(item.price_data.recurring?.interval)) return "A subscription needs a recurring price";
  if (body.mode === "payment" && item.price_data.recurring) return "A payment cannot have a recurring price";
  if (!/^https?:\/\//.test(body.success_url ?? "") || !/^https?:\/\//.test(body.cancel_url ?? "")) return "Invalid URL: success_url and cancel_url must be absolute";
  return null;
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url, ORIGIN);
  const path = url.pathname;
  try {
    // The checkout page (Stripe-hosted in real life: no key needed).
    let match = /^\/pay\/(cs_[A-Za-z0-9_]+)$/.exec(path);
    if (match) {
      const session = sessions.get(match[1]);
      if (!session) return send(res, 404, "<p>No such session</p>");
      if (req.method === "GET") return send(res, 200, checkoutPage(session));
      if (req.method === "POST") {
        if (session.status === "open") complete(session);
        return send(res, 303, "", { Location: session.success_url.replace("{CHECKOUT_SESSION_ID}", session.id) });
      }
    }
    if (path.startsWith("/_stand-in/")) {
      if (req.method === "GET" && path === "/_stand-in/events") return send(res, 200, events.map((r) => ({ id: r.event.id, type: r.event.type, object: r.event.data.object.id, deliveries: r.deliveries })));
      match = /^\/_stand-in\/events\/(evt_[A-Za-z0-9_]+)\/resend$/.exec(path);
      if (req.method === "POST" && match) {
        const record = events.find((r) => r.event.id === match[1]);
        if (!record) return stripeError(res, 404, "No such event");
        const status = await deliverOnce(record.event);
        record.deliveries.push(status);
        return send(res, 200, { status });
      }
      if (req.method === "POST" && path === "/_stand-in/burst") {
        const count = Math.min(Number(url.searchParams.get("count") || 100), 20000);
        const copies = Math.min(Number(url.searchParams.get("copies") || 1), 5);
        const concurrency = Math.min(Number(url.searchParams.get("concurrency") || 20), 100);
        const list = [];
        for (let i = 0; i < count; i++) {
          const session = { id: id("cs"), object: "checkout.session", mode: "payment", status: "complete", payment_status: "paid", amount_total: 500, currency: "usd", customer: id("cus"), payment_intent: id("pi"), subscription: null, metadata: { frequency: "once", from: "/support" } };
          list.push(makeEvent("checkout.session.completed", session));
        }
        const started = Date.now();
        const statuses = [];
        let retried = 0;
        let next = 0;
        // The copies of an event go out side by side (one after the other in the queue, so to the
        // same moment), each to the next webhook URL when there are several.
        const jobs = list.flatMap((e) => Array.from({ length: copies }, (_, c) => ({ event: e, url: WEBHOOK_URLS[c % WEBHOOK_URLS.length] })));
        await Promise.all(
          Array.from({ length: concurrency }, async () => {
            while (next < jobs.length) {
              const { event, url } = jobs[next++];
              let status = 0;
              for (let attempt = 0; attempt < 5 && !(status >= 200 && status < 300); attempt++) {
                if (attempt > 0) retried++;
                status = await deliverOnce(event, url);
              }
              statuses.push(status);
            }
          }),
        );
        return send(res, 200, { events: count, deliveries: jobs.length, retried, failed: statuses.filter((s) => s < 200 || s >= 300).length, ms: Date.now() - started, ids: list.map((e) => e.data.object.payment_intent) });
      }
      return stripeError(res, 404, "Unknown control");
    }
    if (!path.startsWith("/v1/")) return stripeError(res, 404, `Unrecognized request URL (${req.method}: ${path})`);
    if (req.headers.authorization !== `Bearer ${KEY}`) return send(res, 401, { error: { type: "invalid_request_error", message: "Invalid API Key provided" } });
    const body = req.method === "POST" ? parseForm(await readBody(req)) : {};

    if (req.method === "POST" && path === "/v1/checkout/sessions") {
      const problem = validSession(body);
      if (problem) return stripeError(res, 400, problem);
      const item = body.line_items[0];
      const sessionId = id("cs");
      const session = {
        id: sessionId,
        object: "checkout.session",
        mode: body.mode,
        status: "open",
        payment_status: "unpaid",
        amount_total: Number(item.price_data.unit_amount) * Number(item.quantity ?? 1),
        amount_subtotal: Number(item.price_data.unit_amount) * Number(item.quantity ?? 1),
        currency: item.price_data.currency,
        customer: null,
        customer_details: null,
        payment_intent: null,
        subscription: null,
        metadata: body.metadata ?? {},
        locale: body.locale ?? null,
        submit_type: body.submit_type ?? null,
        success_url: body.success_url,
        cancel_url: body.cancel_url,
        created: now(),
        expires_at: now() + 86400,
        livemode: false,
        url: `${ORIGIN}/pay/${sessionId}`,
      };
      Object.defineProperty(session, "line_items", { value: body.line_items, enumerable: false });
      Object.defineProperty(session, "subscription_data", { value: body.subscription_data, enumerable: false });
      sessions.set(sessionId, session);
      return send(res, 200, session);
    }
    let m = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path);
    if (req.method === "GET" && m) {
      const session = sessions.get(m[1]);
      return session ? send(res, 200, session) : stripeError(res, 404, `No such checkout.session: '${m[1]}'`, { code: "resource_missing", param: "session" });
    }
    if (req.method === "POST" && path === "/v1/refunds") {
      const charge = charges.get(body.payment_intent) ?? [...charges.values()].find((c) => c.id === body.charge);
      if (!charge) return stripeError(res, 400, "No such payment_intent", { code: "resource_missing" });
      charge.refunded = true;
      charge.amount_refunded = charge.amount;
      const refund = { id: id("re"), object: "refund", amount: charge.amount, charge: charge.id, currency: charge.currency, payment_intent: charge.payment_intent, status: "succeeded", created: now() };
      emitInOrder([["charge.refunded", charge]]);
      return send(res, 200, refund);
    }
    m = /^\/v1\/customers\/([^/]+)$/.exec(path);
    if (req.method === "DELETE" && m) {
      // Deleting a customer cancels their subscriptions at once; Stripe does not promise an order, so
      // the customer's deletion goes first and the cancellations arrive after it.
      const customer = { id: m[1], object: "customer", deleted: true };
      const cancelled = [...subscriptions.values()].filter((sub) => sub.customer === m[1] && sub.status !== "canceled");
      for (const sub of cancelled) {
        sub.status = "canceled";
        sub.canceled_at = sub.ended_at = now();
      }
      emitInOrder([["customer.deleted", { id: m[1], object: "customer", created: now(), livemode: false }], ...cancelled.map((sub) => ["customer.subscription.deleted", sub])]);
      return send(res, 200, customer);
    }
    m = /^\/v1\/subscriptions\/([^/]+)$/.exec(path);
    if (m) {
      const sub = subscriptions.get(m[1]);
      if (!sub) return stripeError(res, 404, `No such subscription: '${m[1]}'`, { code: "resource_missing" });
      if (req.method === "DELETE") {
        sub.status = "canceled";
        sub.canceled_at = sub.ended_at = now();
        emitInOrder([["customer.subscription.deleted", sub]]);
      }
      return send(res, 200, sub);
    }
    return stripeError(res, 404, `Unrecognized request URL (${req.method}: ${path})`);
  } catch (error) {
    return stripeError(res, 500, String(error?.message ?? error));
  }
});

server.listen(PORT, "127.0.0.1", () => console.log(`Stripe stand-in on ${ORIGIN}, webhook ${WEBHOOK_URL}`));
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => server.close(() => process.exit(0)));
