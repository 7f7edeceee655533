/**
 * The checkout endpoint's rules (POST /api/support/checkout), kept apart from the route so they are
 * tested without a server: where the request may come from, what a valid choice is, and the
 * Checkout Session it becomes. Card-testing defence (docs/revenue.md): POST only, same-origin
 * (Origin and Sec-Fetch-Site), a bounded body and amounts, and a per-client limit of sessions.
 */
import type Stripe from "stripe";
import { MAX_AMOUNT, MIN_AMOUNT, STRIPE_INTERVAL, toMinor, type Frequency, type RevenueOffer } from "./offer";

/** Sessions one client may start per window (a reader needs one or two; card testers need thousands). */
export const CHECKOUT_LIMIT = 10;
export const CHECKOUT_WINDOW_MS = 10 * 60_000;
export const CHECKOUT_MAX_BODY = 2048;

/**
 * The origin the reader's browser used, when the request demonstrably comes from a page of this
 * site: Origin present and naming this host, and Sec-Fetch-Site (when sent) same-origin. Null → 403.
 */
export function sameOriginReturn(request: Request): string | null {
  const site = request.headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin") return null;
  const origin = request.headers.get("origin");
  const host = request.headers.get("host");
  if (!origin || !host || origin === "null") return null;
  try {
    const url = new URL(origin);
    if (url.host !== host || (url.protocol !== "https:" && url.protocol !== "http:")) return null;
    return url.origin;
  } catch {
    return null;
  }
}

export type Choice =
  | { ok: true; frequency: Frequency; amount: number; way: string; from: string }
  | { ok: false; problem: "frequency" | "amount" | "way" };

const AMOUNT = /^\d{1,6}(?:[.,]\d{1,2})?$/;
const SAFE_PATH = /^\/(?![/\\])[A-Za-z0-9\-._~/]{0,300}$/;

/** What the reader chose in the box's form; a typed amount wins over the preset of its frequency. */
export function parseChoice(form: URLSearchParams, offer: RevenueOffer): Choice {
  const frequency = offer.frequencies.find((f) => f.id === form.get("frequency"));
  if (!frequency) return { ok: false, problem: "frequency" };
  const typed = (form.get("custom") ?? "").trim();
  let amount: number;
  if (typed) {
    if (!AMOUNT.test(typed)) return { ok: false, problem: "amount" };
    amount = Number(typed.replace(",", "."));
    if (!(amount >= MIN_AMOUNT && amount <= MAX_AMOUNT)) return { ok: false, problem: "amount" };
  } else {
    amount = Number(form.get(`amount-${frequency.id}`));
    if (!frequency.amounts.includes(amount)) return { ok: false, problem: "amount" };
  }
  const way = form.get("way") ?? "card";
  if (way !== "card" && (frequency.id !== "once" || !offer.linkProviders.some((p) => p.slug === way))) return { ok: false, problem: "way" };
  const fromField = form.get("from") ?? "";
  return { ok: true, frequency: frequency.id, amount, way, from: SAFE_PATH.test(fromField) ? fromField : "/support" };
}

/** The Checkout Session for a card payment: subscription for monthly/yearly, payment for one-off. */
export function sessionParams(choice: Extract<Choice, { ok: true }>, offer: RevenueOffer, origin: string, productName: string, locale: string): Stripe.Checkout.SessionCreateParams {
  const interval = STRIPE_INTERVAL[choice.frequency];
  const metadata = { frequency: choice.frequency, from: choice.from };
  return {
    mode: interval ? "subscription" : "payment",
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: offer.currency.toLowerCase(),
          unit_amount: toMinor(choice.amount, offer.currency),
          product_data: { name: productName },
          ...(interval ? { recurring: { interval } } : {}),
        },
      },
    ],
    success_url: `${origin}/api/support/return?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${origin}${choice.from}#support-cancelled`,
    metadata,
    locale: (["en", "fr", "de", "es", "he"].includes(locale) ? locale : "auto") as Stripe.Checkout.SessionCreateParams.Locale,
    ...(interval ? { subscription_data: { metadata } } : { submit_type: "donate" as const, payment_intent_data: { metadata } }),
  };
}
