/** Reading a Checkout Session back from Stripe on the reader's return (thank-you page, cookie). */
import type Stripe from "stripe";
import { stripeClient } from "./stripe";
import { fromMinor, type Frequency, type Interval } from "./offer";

export const SESSION_ID = /^cs_[A-Za-z0-9_]{1,250}$/;

export interface CompletedSupport {
  interval: Interval;
  frequency: Frequency;
  amount: number;
  currency: string;
  from: string | null;
}

/** The session when `id` is well formed and Stripe knows it; null otherwise (never throws on a bad id). */
export async function readSession(id: string | null | undefined): Promise<Stripe.Checkout.Session | null> {
  if (!id || !SESSION_ID.test(id)) return null;
  try {
    return await stripeClient().checkout.sessions.retrieve(id);
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return null;
    throw error;
  }
}

/** What a completed, paid session gave; null while it is open or unpaid. */
export function completedSupport(session: Stripe.Checkout.Session): CompletedSupport | null {
  if (session.status !== "complete" || (session.payment_status !== "paid" && session.payment_status !== "no_payment_required")) return null;
  const frequency: Frequency = session.mode === "subscription" ? (session.metadata?.frequency === "yearly" ? "yearly" : "monthly") : "once";
  const currency = (session.currency ?? "usd").toUpperCase();
  const from = /^\/(?![/\\])[A-Za-z0-9\-._~/]{0,300}$/.test(session.metadata?.from ?? "") ? session.metadata!.from : null;
  return { frequency, interval: frequency === "once" ? "once" : frequency === "monthly" ? "month" : "year", amount: fromMinor(session.amount_total ?? 0, currency), currency, from };
}
