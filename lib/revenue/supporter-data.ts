/**
 * What the reader data store keeps about one supporter, to show it and to forget it (privacy: what we
 * keep is listed on the privacy page and can be exported and deleted). A reader is known to Stripe by
 * their email; the newsroom finds them there and asks here by any of Stripe's references: the
 * customer (`cus_…`), a subscription (`sub_…`), a payment (`pi_…`) or a checkout session (`cs_…`).
 * Everything of that customer goes together (a reader who gave twice is one person). Deleting the
 * customer in Stripe does the same through the `customer.deleted` event (lib/revenue/events.ts).
 */
import { createHash } from "node:crypto";
import type { Db } from "../store";
import "./supporters";

export interface RevenueForgottenTable {
  /** SHA-256 (hex) of a forgotten customer's or support's Stripe id. */
  ref_hash: string;
  forgotten_at: string;
}
declare module "../store/schema" {
  interface Database {
    revenue_forgotten: RevenueForgottenTable;
  }
}

const hashOf = (ref: string) => createHash("sha256").update(ref).digest("hex");

/** True when any of these Stripe references (customer, support) belongs to a supporter we were asked to forget. */
export async function isForgotten(db: Db, refs: (string | null | undefined)[]): Promise<boolean> {
  const hashes = refs.filter((r): r is string => Boolean(r)).map(hashOf);
  if (hashes.length === 0) return false;
  return Boolean(await db.selectFrom("revenue_forgotten").select("ref_hash").where("ref_hash", "in", hashes).executeTakeFirst());
}

/** A Stripe reference we may be asked about: the kinds above, Stripe's alphabet, bounded. */
export const SUPPORTER_REF = /^(?:cus|sub|pi|cs)_[A-Za-z0-9_]{1,250}$/;

const COLUMNS = ["id", "interval", "amount_minor", "currency", "status", "customer_id", "checkout_session_id", "source_path", "started_at", "last_paid_at", "ended_at", "updated_at"] as const;

/** The rows a reference reaches: every support of its customer, or the one support when it has none. */
async function rowsOf(db: Db, ref: string) {
  const direct = await db
    .selectFrom("revenue_supporters")
    .select(["id", "customer_id"])
    .where((eb) => eb.or([eb("id", "=", ref), eb("customer_id", "=", ref), eb("checkout_session_id", "=", ref)]))
    .execute();
  const customers = [...new Set(direct.map((r) => r.customer_id).filter((c): c is string => Boolean(c)))];
  const ids = direct.map((r) => r.id);
  return { customers, ids };
}

export interface SupporterExport {
  /** Stripe's references of the reader's customer(s) (what the newsroom looked them up by). */
  customers: string[];
  supports: { [K in (typeof COLUMNS)[number]]: unknown }[];
}

/** Everything kept about the supporter a reference names (empty when nothing is kept). */
export async function exportSupporter(db: Db, ref: string): Promise<SupporterExport> {
  const { customers, ids } = await rowsOf(db, ref);
  if (ids.length === 0 && customers.length === 0) return { customers: [], supports: [] };
  const supports = await db
    .selectFrom("revenue_supporters")
    .select([...COLUMNS])
    .where((eb) => eb.or([...(ids.length ? [eb("id", "in", ids)] : []), ...(customers.length ? [eb("customer_id", "in", customers)] : [])]))
    .orderBy("started_at")
    .execute();
  return { customers, supports };
}

/**
 * Deletes everything kept about the supporter a reference names, and remembers (by hash) not to record
 * them again from a late event; the number of supports deleted. `customerDeleted`: the reference is a
 * customer Stripe deleted, remembered even when nothing of theirs was kept yet.
 */
export async function forgetSupporter(db: Db, ref: string, { customerDeleted = false } = {}): Promise<number> {
  const { customers, ids } = await rowsOf(db, ref);
  const refs = new Set([...customers, ...ids, ...(customerDeleted ? [ref] : [])]);
  if (refs.size === 0) return 0;
  const forgotten_at = new Date().toISOString();
  await db
    .insertInto("revenue_forgotten")
    .values([...refs].map((r) => ({ ref_hash: hashOf(r), forgotten_at })))
    .onConflict((oc) => oc.column("ref_hash").doNothing())
    .execute();
  if (ids.length === 0 && customers.length === 0) return 0;
  const result = await db
    .deleteFrom("revenue_supporters")
    .where((eb) => eb.or([...(ids.length ? [eb("id", "in", ids)] : []), ...(customers.length ? [eb("customer_id", "in", customers)] : [])]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
