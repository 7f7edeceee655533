/**
 * The durable outbox (issue 31): every email is a row before it is sent. Senders claim rows a batch
 * at a time — PostgreSQL `FOR UPDATE SKIP LOCKED`, SQLite's single writer — so two instances never
 * take the same row; a claim is a lease, and a sender killed mid-send leaves rows that become
 * claimable again when their lease ends, so nothing is skipped. A row is marked sent right after the
 * SMTP server accepts it (docs/decisions/0172 for the window this leaves).
 */
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { claimRows, type Dialect } from "../store";
import type { NewsletterDb } from "./subscribers";
import type { NewsletterTables } from "./schema";
import type { SendResult } from "./sender";

export type OutboxRow = NewsletterTables["newsletter_outbox"];

/** A claim older than this is considered abandoned (its sender died). */
export const DEFAULT_LEASE_MS = 2 * 60 * 1000;
/** Temporary failures are retried this many times, backing off up to ~6 hours, then given up. */
export const MAX_ATTEMPTS = 10;

export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 6 * 60 * 60 * 1000);
}

/**
 * Claims up to `limit` due rows for `worker` — a sender, or better one claim of a sender
 * ("<sender>/<n>"), so that a row taken over is told apart even from the same sender's other loops: first rows whose claim expired (their sender died),
 * then due confirmation mails (a reader who signs up while a briefing goes out to everyone waits
 * for the messages already claimed, not for the whole briefing), then any queued row whose time has
 * come, oldest first. Separate statements rather than one with an OR or a computed order: each is a
 * range of an index ((status, next_attempt_at), (status, kind, next_attempt_at)), so a claim costs
 * the same with ten rows waiting or a million (the OR made SQLite sort every queued row on every claim).
 */
export async function claimBatch(db: NewsletterDb, dialect: Dialect, worker: string, limit: number, now = new Date(), leaseMs = DEFAULT_LEASE_MS): Promise<OutboxRow[]> {
  const at = now.toISOString();
  const expired = new Date(now.getTime() - leaseMs).toISOString();
  const set = { status: "sending" as const, claimed_by: worker, claimed_at: at };
  // lib/store's claimRows: FOR UPDATE SKIP LOCKED in PostgreSQL, the single writer in SQLite.
  const abandoned = await claimRows(db, dialect, {
    table: "newsletter_outbox",
    id: "id",
    where: (eb) => eb.and([eb("status", "=", "sending"), eb("claimed_at", "<", expired)]),
    set,
    orderBy: "next_attempt_at",
    limit,
  });
  if (abandoned.length >= limit) return abandoned;
  const confirmations = await claimRows(db, dialect, {
    table: "newsletter_outbox",
    id: "id",
    where: (eb) => eb.and([eb("status", "=", "queued"), eb("kind", "=", "confirm"), eb("next_attempt_at", "<=", at)]),
    set,
    orderBy: "next_attempt_at",
    limit: limit - abandoned.length,
  });
  const claimed = [...abandoned, ...confirmations];
  if (claimed.length >= limit) return claimed;
  const due = await claimRows(db, dialect, {
    table: "newsletter_outbox",
    id: "id",
    where: (eb) => eb.and([eb("status", "=", "queued"), eb("next_attempt_at", "<=", at)]),
    set,
    orderBy: "next_attempt_at",
    limit: limit - claimed.length,
  });
  return [...claimed, ...due];
}

/** Claims the next due row for `worker` (claimBatch of one), or null when there is none. */
export async function claimNext(db: NewsletterDb, dialect: Dialect, worker: string, now = new Date(), leaseMs = DEFAULT_LEASE_MS): Promise<OutboxRow | null> {
  const [row] = await claimBatch(db, dialect, worker, 1, now, leaseMs);
  return row ?? null;
}

/** Records what happened to a claimed row (only while this worker still holds it). */
export async function complete(db: NewsletterDb, row: OutboxRow, worker: string, result: SendResult | { status: "cancelled"; error: string }, now = new Date()): Promise<void> {
  const at = now.toISOString();
  type Changes = Partial<Omit<OutboxRow, "id">>;
  const mine = (trx: NewsletterDb, changes: Changes) =>
    trx.updateTable("newsletter_outbox").set(changes).where("id", "=", row.id).where("claimed_by", "=", worker).where("status", "=", "sending").execute();
  if (result.status === "sent") {
    await mine(db, { status: "sent", sent_at: at, last_error: null });
    return;
  }
  if (result.status === "retry") {
    const attempts = row.attempts + 1;
    const giveUp = attempts >= MAX_ATTEMPTS;
    await mine(db, {
      status: giveUp ? "failed" : "queued",
      attempts,
      next_attempt_at: new Date(now.getTime() + backoffMs(attempts)).toISOString(),
      claimed_by: null,
      claimed_at: null,
      last_error: result.error.slice(0, 500),
    });
    return;
  }
  if (result.status === "bounced") {
    await db.transaction().execute(async (trx) => {
      await mine(trx, { status: "bounced", last_error: result.error.slice(0, 500) });
      // The address does not exist: never mail it again, and drop what is queued for it.
      await trx.updateTable("newsletter_subscribers").set({ status: "bounced", bounced_at: at }).where("id", "=", row.subscriber_id).execute();
      await trx.updateTable("newsletter_outbox").set({ status: "cancelled" }).where("subscriber_id", "=", row.subscriber_id).where("status", "=", "queued").execute();
    });
    return;
  }
  await mine(db, { status: result.status, last_error: result.error.slice(0, 500) });
}

/**
 * Right before a claimed row is sent: checks that this worker still holds it and starts its lease
 * again, so a row that waited in a batch behind others is not taken by another sender meanwhile
 * (which would send it twice). False when another sender took it over: do not send it.
 */
export async function holdForSending(db: NewsletterDb, row: OutboxRow, worker: string, now = new Date()): Promise<boolean> {
  const result = await db
    .updateTable("newsletter_outbox")
    .set({ claimed_at: now.toISOString() })
    .where("id", "=", row.id)
    .where("claimed_by", "=", worker)
    .where("status", "=", "sending")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Gives back rows this worker claimed but will not send (it is stopping), so they go without waiting out the lease. */
export async function release(db: NewsletterDb, rows: OutboxRow[]): Promise<void> {
  // Each row only if it is still held by the claim that took it.
  for (const row of rows) {
    await db
      .updateTable("newsletter_outbox")
      .set({ status: "queued", claimed_by: null, claimed_at: null })
      .where("id", "=", row.id)
      .where("claimed_by", "=", row.claimed_by ?? "")
      .where("status", "=", "sending")
      .execute();
  }
}

/**
 * Queues one message of an edition for every active reader of its list, in one statement; the
 * unique (edition, reader) index makes a repeat a no-op. Returns how many rows were added.
 */
export async function fanOut(db: NewsletterDb, editionId: string, listId: string, now = new Date()): Promise<number> {
  const at = now.toISOString();
  const result = await sql`
    INSERT INTO newsletter_outbox (id, kind, subscriber_id, edition_id, data, status, attempts, next_attempt_at, created_at)
    SELECT ${editionId} || ':' || s.subscriber_id, 'edition', s.subscriber_id, ${editionId}, NULL, 'queued', 0, ${at}, ${at}
    FROM newsletter_subscriptions s JOIN newsletter_subscribers r ON r.id = s.subscriber_id
    WHERE s.list_id = ${listId} AND s.status = 'active' AND r.status = 'active'
    ON CONFLICT (id) DO NOTHING`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** A fresh id for one sender (process), recorded on the rows it claims. */
export function workerId(): string {
  return `${process.pid}-${randomUUID().slice(0, 8)}`;
}

/** Counts by status (metrics, tests, the benchmark). */
export async function outboxCounts(db: NewsletterDb): Promise<Record<string, number>> {
  const rows = await db.selectFrom("newsletter_outbox").select(["status", (eb) => eb.fn.countAll<number>().as("n")]).groupBy("status").execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/**
 * For the metrics (lib/observability/metrics.mjs outboxMetrics): how many emails wait (queued or
 * being sent), and how long the oldest one that is due has waited past its time — a row waiting for
 * a retry later is not late; a due row nobody sends for 15 minutes is (alert: outbox stuck).
 */
export async function outboxBacklog(db: NewsletterDb, now = new Date()): Promise<{ depth: number; oldestSeconds: number }> {
  const at = now.toISOString();
  const row = await db
    .selectFrom("newsletter_outbox")
    .select((eb) => [eb.fn.countAll<number>().as("depth"), eb.fn.min(eb.case().when("next_attempt_at", "<=", at).then(eb.ref("next_attempt_at")).end()).as("oldestDue")])
    .where("status", "in", ["queued", "sending"])
    .executeTakeFirst();
  const oldestDue = row?.oldestDue ? Date.parse(String(row.oldestDue)) : NaN;
  return { depth: Number(row?.depth ?? 0), oldestSeconds: Number.isFinite(oldestDue) ? Math.max(0, Math.round((now.getTime() - oldestDue) / 1000)) : 0 };
}
