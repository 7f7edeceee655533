/**
 * Stripe's webhook events → the reader data store, each event applied exactly once: the event id is
 * recorded (insertOnce) in the same transaction as what it changes, so a replayed or duplicated event
 * changes nothing, and a failure keeps neither (Stripe retries on a non-2xx answer).
 * Handled: checkout.session.completed, invoice.paid, customer.subscription.updated/deleted,
 * charge.refunded, customer.deleted (the reader asked the newsroom to forget them: their supports go,
 * and no later event brings them back — lib/revenue/supporter-data.ts); any other type is recorded and
 * ignored.
 */
import type Stripe from "stripe";
import { insertOnce, type Store } from "../store";
import { stripeMetrics } from "../observability/metrics";
import { applySupportChange as applySupportChange_, recordRenewal, setSupportStatus, type SupportChange } from "./supporters";
import { forgetSupporter, isForgotten } from "./supporter-data";
import { intervalOf, type Frequency } from "./offer";

export const HANDLED_EVENTS = [
  "checkout.session.completed",
  "invoice.paid",
  "customer.subscription.updated",
  "customer.subscription.deleted",
  "charge.refunded",
  "customer.deleted",
] as const;

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
const idOf = (value: string | { id: string } | null | undefined) => (typeof value === "string" ? value : (value?.id ?? null));
const FREQUENCY = /^(once|monthly|yearly)$/;
const SAFE_PATH = /^\/[A-Za-z0-9\-._~/]{0,300}$/;

function subscriptionChange(sub: Stripe.Subscription, at: string, ended: boolean) {
  const item = sub.items.data[0];
  const interval = item?.price.recurring?.interval === "year" ? "year" : "month";
  return {
    id: sub.id,
    interval,
    amount_minor: (item?.price.unit_amount ?? 0) * (item?.quantity ?? 1),
    currency: sub.currency,
    status: ended ? "canceled" : sub.status,
    customer_id: idOf(sub.customer),
    source_path: SAFE_PATH.test(sub.metadata?.from ?? "") ? sub.metadata.from : null,
    ended_at: ended || sub.ended_at ? iso(sub.ended_at ?? Math.floor(Date.parse(at) / 1000)) : null,
    at,
  } as const;
}

async function apply(trx: Parameters<typeof insertOnce>[0], event: Stripe.Event): Promise<void> {
  const at = iso(event.created);
  // A supporter the newsroom forgot stays forgotten, whatever Stripe still delivers about them.
  const applySupportChange = async (db: typeof trx, change: SupportChange) => {
    if (!(await isForgotten(db, [change.id, change.customer_id]))) await applySupportChange_(db, change);
  };
  switch (event.type) {
    case "checkout.session.completed": {
      const session = event.data.object;
      const frequency = FREQUENCY.test(session.metadata?.frequency ?? "") ? (session.metadata!.frequency as Frequency) : null;
      const source_path = SAFE_PATH.test(session.metadata?.from ?? "") ? session.metadata!.from : null;
      const common = {
        amount_minor: session.amount_total ?? 0,
        currency: session.currency ?? "usd",
        customer_id: idOf(session.customer),
        checkout_session_id: session.id,
        source_path,
        at,
      };
      if (session.mode === "subscription" && session.subscription) {
        const interval = frequency && frequency !== "once" ? intervalOf(frequency) : "month";
        await applySupportChange(trx, { ...common, id: idOf(session.subscription)!, interval, status: "active", paid_at: at });
      } else if (session.mode === "payment" && session.payment_status === "paid") {
        await applySupportChange(trx, { ...common, id: idOf(session.payment_intent) ?? session.id, interval: "once", status: "paid", paid_at: at });
      }
      return;
    }
    case "invoice.paid": {
      const invoice = event.data.object;
      const sub = idOf(invoice.parent?.subscription_details?.subscription);
      if (sub) await recordRenewal(trx, sub, at, invoice.amount_paid ?? null);
      return;
    }
    case "customer.subscription.updated":
      await applySupportChange(trx, subscriptionChange(event.data.object, at, false));
      return;
    case "customer.subscription.deleted":
      await applySupportChange(trx, subscriptionChange(event.data.object, at, true));
      return;
    case "charge.refunded": {
      const charge = event.data.object;
      const payment = idOf(charge.payment_intent);
      // Only a full refund ends a one-off gift; a partial refund is still a gift.
      if (payment && charge.refunded) await setSupportStatus(trx, payment, "refunded", at, at);
      return;
    }
    case "customer.deleted":
      await forgetSupporter(trx, event.data.object.id, { customerDeleted: true });
      return;
    default:
      return;
  }
}

/** An event's type as a metric label: Stripe's types are a bounded set; anything else is "other". */
export const metricType = (type: string) => (/^[a-z0-9_.]{1,60}$/.test(type) ? type : "other");

/** Records and applies one verified event. True when new; false when it had been recorded before. */
export async function recordStripeEvent(store: Store, event: Stripe.Event): Promise<boolean> {
  // Counted by type (a bounded set: Stripe's event types) and outcome (alert: webhook failures).
  const type = metricType(event.type);
  try {
    const fresh = await store.db.transaction().execute(async (trx) => {
      const fresh = await insertOnce(trx, "revenue_events", "id", {
        id: event.id,
        type: event.type.slice(0, 100),
        created_at: iso(event.created),
        received_at: new Date().toISOString(),
      });
      if (fresh) await apply(trx, event);
      return fresh;
    });
    const handled = (HANDLED_EVENTS as readonly string[]).includes(event.type);
    stripeMetrics().events.inc({ type, outcome: !fresh ? "duplicate" : handled ? "processed" : "ignored" });
    return fresh;
  } catch (error) {
    stripeMetrics().events.inc({ type, outcome: "failed" });
    throw error;
  }
}
