/**
 * Supporters in the reader data store (lib/store): Stripe's webhook events recorded once by id, and
 * one row per support — a subscription (`sub_…`) or a one-off payment (`pi_…`) — with Stripe ids,
 * amount in minor units, currency, interval, Stripe's status and dates. No card data, no email, no
 * name: Stripe keeps those. Migration: lib/store/migrations/2026-12-06-0640-revenue-supporters.ts.
 */
import type { Kysely } from "kysely";
import type { Db } from "../store";
import type { Database } from "../store/schema";
import type { Interval } from "./offer";

export interface RevenueEventsTable {
  id: string;
  type: string;
  created_at: string;
  received_at: string;
}
export interface RevenueSupportersTable {
  id: string;
  interval: Interval;
  amount_minor: number;
  currency: string;
  /** Stripe's subscription status (active, past_due, canceled…), or for one-off: paid, refunded. */
  status: string;
  customer_id: string | null;
  checkout_session_id: string | null;
  /** The page the reader gave from (a path of this site). */
  source_path: string | null;
  started_at: string;
  last_paid_at: string | null;
  ended_at: string | null;
  updated_at: string;
  /** The time of the newest Stripe event applied: an older event delivered late changes nothing. */
  stripe_updated_at: string;
}
declare module "../store/schema" {
  interface Database {
    revenue_events: RevenueEventsTable;
    revenue_supporters: RevenueSupportersTable;
  }
}

/** Statuses in which a subscription counts as support (Stripe retries a failed renewal while past_due). */
export const SUPPORTING_STATUSES = ["active", "trialing", "past_due"];

export interface SupportChange {
  id: string;
  interval: Interval;
  amount_minor: number;
  currency: string;
  status: string;
  customer_id?: string | null;
  checkout_session_id?: string | null;
  source_path?: string | null;
  paid_at?: string | null;
  ended_at?: string | null;
  /** The Stripe event's creation time (ISO). */
  at: string;
}

/**
 * Records what an event says about one support. A newer fact replaces an older one; an event older
 * than the last one applied to the row changes nothing (Stripe does not deliver in order). Fields an
 * event does not know (null) keep their value.
 */
export async function applySupportChange(db: Db, change: SupportChange): Promise<void> {
  const now = new Date().toISOString();
  await db
    .insertInto("revenue_supporters")
    .values({
      id: change.id,
      interval: change.interval,
      amount_minor: change.amount_minor,
      currency: change.currency.toUpperCase(),
      status: change.status,
      customer_id: change.customer_id ?? null,
      checkout_session_id: change.checkout_session_id ?? null,
      source_path: change.source_path ?? null,
      started_at: change.at,
      last_paid_at: change.paid_at ?? null,
      ended_at: change.ended_at ?? null,
      updated_at: now,
      stripe_updated_at: change.at,
    })
    .onConflict((oc) =>
      oc
        .column("id")
        .doUpdateSet((eb) => ({
          interval: eb.ref("excluded.interval"),
          amount_minor: eb.ref("excluded.amount_minor"),
          currency: eb.ref("excluded.currency"),
          status: eb.ref("excluded.status"),
          customer_id: eb.fn.coalesce("excluded.customer_id", "revenue_supporters.customer_id"),
          checkout_session_id: eb.fn.coalesce("excluded.checkout_session_id", "revenue_supporters.checkout_session_id"),
          source_path: eb.fn.coalesce("revenue_supporters.source_path", "excluded.source_path"),
          last_paid_at: eb.fn.coalesce("excluded.last_paid_at", "revenue_supporters.last_paid_at"),
          ended_at: eb.fn.coalesce("excluded.ended_at", "revenue_supporters.ended_at"),
          updated_at: eb.ref("excluded.updated_at"),
          stripe_updated_at: eb.ref("excluded.stripe_updated_at"),
        }))
        .where("revenue_supporters.stripe_updated_at", "<=", change.at),
    )
    .execute();
}

/** Changes only the status (and end) of a known support, if this event is not older than its last. */
export async function setSupportStatus(db: Db, id: string, status: string, at: string, endedAt: string | null = null): Promise<void> {
  await db
    .updateTable("revenue_supporters")
    .set((eb) => ({ status, ended_at: endedAt ?? eb.ref("ended_at"), updated_at: new Date().toISOString(), stripe_updated_at: at }))
    .where("id", "=", id)
    .where("stripe_updated_at", "<=", at)
    .execute();
}

/** A renewal paid: the subscription's last payment time (and active again). */
export async function recordRenewal(db: Db, id: string, at: string, amountMinor: number | null): Promise<boolean> {
  const result = await db
    .updateTable("revenue_supporters")
    .set((eb) => ({
      last_paid_at: at,
      amount_minor: amountMinor ?? eb.ref("amount_minor"),
      updated_at: new Date().toISOString(),
    }))
    .where("id", "=", id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

const monthStart = (now: Date) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();

/**
 * Readers supporting the newsroom this month: recurring supporters whose subscription is in good
 * standing, plus one-off gifts paid since the first of the month (UTC) and not refunded.
 */
export async function countSupporters(db: Kysely<Database>, now = new Date()): Promise<number> {
  const { n } = await db
    .selectFrom("revenue_supporters")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where((eb) =>
      eb.or([
        eb.and([eb("interval", "in", ["month", "year"]), eb("status", "in", SUPPORTING_STATUSES)]),
        eb.and([eb("interval", "=", "once"), eb("status", "=", "paid"), eb("last_paid_at", ">=", monthStart(now))]),
      ]),
    )
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** The month's figures for the newsroom (docs/revenue.md shows the same as SQL). */
export async function monthFigures(db: Kysely<Database>, now = new Date()) {
  const since = monthStart(now);
  const rows = await db
    .selectFrom("revenue_supporters")
    .select(["interval", "currency", "status"])
    .select((eb) => [eb.fn.countAll<number>().as("supporters"), eb.fn.sum<number>("amount_minor").as("amount_minor")])
    .where((eb) => eb.or([eb("last_paid_at", ">=", since), eb("started_at", ">=", since), eb("interval", "!=", "once")]))
    .groupBy(["interval", "currency", "status"])
    .orderBy("interval")
    .execute();
  return rows.map((r) => ({ ...r, supporters: Number(r.supporters), amount_minor: Number(r.amount_minor ?? 0) }));
}
