/**
 * Subscribers, their lists and their consents in the reader data store: sign-up (double opt-in),
 * confirmation, preferences, unsubscribe, export and deletion (issue 31).
 */
import { createHash, createHmac, randomBytes, randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { secretsMatch } from "../access/secrets";
import type { Database } from "../store/schema";
import type { SubscriptionStatus } from "./schema";
import "./schema";

export type NewsletterDb = Kysely<Database>;

let sequence = 0;
/** An id that sorts in creation order (consents are listed in the order they were given). */
export function sortableId(now = new Date()): string {
  sequence = (sequence + 1) % 1_000_000;
  return `${now.getTime().toString(36).padStart(9, "0")}-${String(sequence).padStart(6, "0")}-${randomBytes(4).toString("hex")}`;
}

export const CONFIRM_TTL_MS = 48 * 60 * 60 * 1000;
/** At most one confirmation mail per address in this window. */
export const CONFIRMATION_INTERVAL_MS = 24 * 60 * 60 * 1000;
export const MAX_EMAIL_LENGTH = 254;

/** A plausible address (RFC 5321 lengths, one @, a dotted domain), lower-cased; null when not. */
export function normaliseEmail(input: unknown): string | null {
  if (typeof input !== "string") return null;
  const email = input.trim().toLowerCase();
  if (email.length > MAX_EMAIL_LENGTH) return null;
  const match = /^([^\s@<>()[\]\\,;:"]{1,64})@([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+)$/.exec(email);
  return match ? email : null;
}

const sha256 = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");
const iso = (d: Date) => d.toISOString();

export interface SignUpResult {
  /** A confirmation mail was queued (the reader is never told; tests and logs are). */
  queued: boolean;
}

/**
 * Records a sign-up request and queues at most one confirmation mail per address per day. The
 * answer a reader sees never depends on the result: whether the address was new, pending, already
 * subscribed or bounced looks the same from outside.
 */
export async function signUp(db: NewsletterDb, input: { email: string; lists: string[]; page: string | null; now?: Date }): Promise<SignUpResult> {
  const now = input.now ?? new Date();
  const at = iso(now);
  return db.transaction().execute(async (trx) => {
    let subscriber = await trx.selectFrom("newsletter_subscribers").selectAll().where("email", "=", input.email).executeTakeFirst();
    if (!subscriber) {
      const id = randomUUID();
      await trx
        .insertInto("newsletter_subscribers")
        .values({ id, email: input.email, status: "pending", created_at: at, confirmed_at: null, bounced_at: null, confirmation_sent_at: null })
        .onConflict((oc) => oc.column("email").doNothing())
        .execute();
      subscriber = await trx.selectFrom("newsletter_subscribers").selectAll().where("email", "=", input.email).executeTakeFirstOrThrow();
    }
    // A bounced address gets nothing: the server said it does not exist.
    if (subscriber.status === "bounced") return { queued: false };
    const existing = await trx.selectFrom("newsletter_subscriptions").selectAll().where("subscriber_id", "=", subscriber.id).execute();
    const byList = new Map(existing.map((s) => [s.list_id, s.status]));
    const needed: string[] = [];
    for (const list of input.lists) {
      const status = byList.get(list);
      if (status === "active" && subscriber.status === "active") continue;
      needed.push(list);
      if (status === undefined) {
        await trx.insertInto("newsletter_subscriptions").values({ subscriber_id: subscriber.id, list_id: list, status: "pending", updated_at: at }).execute();
      } else if (status === "unsubscribed") {
        await trx.updateTable("newsletter_subscriptions").set({ status: "pending", updated_at: at }).where("subscriber_id", "=", subscriber.id).where("list_id", "=", list).execute();
      }
      await trx.insertInto("newsletter_consents").values({ id: sortableId(), subscriber_id: subscriber.id, list_id: list, action: "requested", at, page: input.page }).execute();
    }
    if (needed.length === 0) return { queued: false };
    // The mail confirms every list still waiting for this address, not only today's.
    for (const [list, status] of byList) if (status === "pending" && !needed.includes(list)) needed.push(list);
    if (subscriber.status !== "active") for (const [list, status] of byList) if (status === "active" && !needed.includes(list)) needed.push(list);
    const last = subscriber.confirmation_sent_at ? Date.parse(subscriber.confirmation_sent_at) : 0;
    if (now.getTime() - last < CONFIRMATION_INTERVAL_MS) return { queued: false };
    // Claim today's confirmation for this address (a concurrent sign-up of the same address loses).
    const claimed = await trx
      .updateTable("newsletter_subscribers")
      .set({ confirmation_sent_at: at })
      .where("id", "=", subscriber.id)
      .where((eb) => eb.or([eb("confirmation_sent_at", "is", null), eb("confirmation_sent_at", "=", subscriber!.confirmation_sent_at)]))
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return { queued: false };
    await trx
      .insertInto("newsletter_outbox")
      .values({
        id: `confirm:${randomUUID()}`,
        kind: "confirm",
        subscriber_id: subscriber.id,
        edition_id: null,
        data: JSON.stringify({ lists: needed, page: input.page }),
        status: "queued",
        attempts: 0,
        next_attempt_at: at,
        claimed_by: null,
        claimed_at: null,
        sent_at: null,
        last_error: null,
        created_at: at,
      })
      .execute();
    return { queued: true };
  });
}

/** A new confirmation token for a subscriber (only its hash is stored), valid 48 hours, single use. */
export async function createConfirmToken(db: NewsletterDb, subscriberId: string, lists: string[], page: string | null, now = new Date()): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db
    .insertInto("newsletter_tokens")
    .values({ token_hash: sha256(token), subscriber_id: subscriberId, lists: JSON.stringify(lists), page, expires_at: iso(new Date(now.getTime() + CONFIRM_TTL_MS)), used_at: null })
    .execute();
  return token;
}

export type ConfirmResult = { ok: true; subscriberId: string; lists: string[] } | { ok: false; reason: "invalid" | "expired" | "used" };

/** Confirms a subscription by the token from the mail: once, within 48 hours. */
export async function confirm(db: NewsletterDb, token: string, now = new Date()): Promise<ConfirmResult> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { ok: false, reason: "invalid" };
  const at = iso(now);
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("newsletter_tokens").selectAll().where("token_hash", "=", sha256(token)).executeTakeFirst();
    if (!row) return { ok: false, reason: "invalid" } as const;
    if (row.used_at) return { ok: false, reason: "used" } as const;
    if (Date.parse(row.expires_at) <= now.getTime()) return { ok: false, reason: "expired" } as const;
    // Single use, even with two clicks at once: only the update that finds it unused wins.
    const used = await trx.updateTable("newsletter_tokens").set({ used_at: at }).where("token_hash", "=", row.token_hash).where("used_at", "is", null).executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) return { ok: false, reason: "used" } as const;
    const subscriber = await trx.selectFrom("newsletter_subscribers").selectAll().where("id", "=", row.subscriber_id).executeTakeFirst();
    if (!subscriber || subscriber.status === "bounced") return { ok: false, reason: "invalid" } as const;
    const lists = JSON.parse(row.lists) as string[];
    await trx
      .updateTable("newsletter_subscribers")
      .set({ status: "active", confirmed_at: subscriber.confirmed_at ?? at })
      .where("id", "=", subscriber.id)
      .execute();
    for (const list of lists) {
      await trx
        .insertInto("newsletter_subscriptions")
        .values({ subscriber_id: subscriber.id, list_id: list, status: "active", updated_at: at })
        .onConflict((oc) => oc.columns(["subscriber_id", "list_id"]).doUpdateSet({ status: "active", updated_at: at }))
        .execute();
      await trx.insertInto("newsletter_consents").values({ id: sortableId(), subscriber_id: subscriber.id, list_id: list, action: "confirmed", at, page: row.page }).execute();
    }
    return { ok: true, subscriberId: subscriber.id, lists };
  });
}

/**
 * The key that signs readers' preference and unsubscribe links: NEWSLETTER_SECRET when set, else a
 * random key made once and kept in the store (shared by every instance; the first one wins).
 */
export async function signingKey(db: NewsletterDb, env: Record<string, string | undefined> = process.env): Promise<string> {
  if (env.NEWSLETTER_SECRET) return env.NEWSLETTER_SECRET;
  const found = await db.selectFrom("newsletter_settings").select("value").where("name", "=", "signing-key").executeTakeFirst();
  if (found) return found.value;
  await db
    .insertInto("newsletter_settings")
    .values({ name: "signing-key", value: randomBytes(32).toString("hex") })
    .onConflict((oc) => oc.column("name").doNothing())
    .execute();
  return (await db.selectFrom("newsletter_settings").select("value").where("name", "=", "signing-key").executeTakeFirstOrThrow()).value;
}

/** The reader's own link token: "<subscriber id>.<HMAC>". It lasts as long as the subscriber exists. */
export function manageToken(key: string, subscriberId: string): string {
  return `${subscriberId}.${createHmac("sha256", key).update(`manage:${subscriberId}`).digest("base64url")}`;
}

/** The subscriber id a manage token was signed for (compared in constant time), or null. */
export function verifyManageToken(key: string, token: unknown): string | null {
  if (typeof token !== "string" || token.length > 200) return null;
  const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  return secretsMatch(token, manageToken(key, match[1])) ? match[1] : null;
}

export interface Preferences {
  email: string;
  status: string;
  lists: Record<string, SubscriptionStatus>;
}

export async function preferences(db: NewsletterDb, subscriberId: string): Promise<Preferences | null> {
  const subscriber = await db.selectFrom("newsletter_subscribers").selectAll().where("id", "=", subscriberId).executeTakeFirst();
  if (!subscriber) return null;
  const rows = await db.selectFrom("newsletter_subscriptions").selectAll().where("subscriber_id", "=", subscriberId).execute();
  return { email: subscriber.email, status: subscriber.status, lists: Object.fromEntries(rows.map((r) => [r.list_id, r.status])) };
}

/**
 * Sets exactly which lists a confirmed reader gets (the address is proven: no new opt-in needed).
 * Lists left out are unsubscribed, and their queued mail is cancelled.
 */
export async function setLists(db: NewsletterDb, subscriberId: string, chosen: string[], known: string[], page: string | null, now = new Date()): Promise<boolean> {
  const at = iso(now);
  return db.transaction().execute(async (trx) => {
    const subscriber = await trx.selectFrom("newsletter_subscribers").selectAll().where("id", "=", subscriberId).executeTakeFirst();
    if (!subscriber) return false;
    const rows = await trx.selectFrom("newsletter_subscriptions").selectAll().where("subscriber_id", "=", subscriberId).execute();
    const current = new Map(rows.map((r) => [r.list_id, r.status]));
    const verified = subscriber.status === "active";
    for (const list of known) {
      const want = chosen.includes(list);
      const was = current.get(list);
      if (want && was !== "active" && verified) {
        await trx
          .insertInto("newsletter_subscriptions")
          .values({ subscriber_id: subscriberId, list_id: list, status: "active", updated_at: at })
          .onConflict((oc) => oc.columns(["subscriber_id", "list_id"]).doUpdateSet({ status: "active", updated_at: at }))
          .execute();
        await trx.insertInto("newsletter_consents").values({ id: sortableId(), subscriber_id: subscriberId, list_id: list, action: "confirmed", at, page }).execute();
      } else if (!want && was && was !== "unsubscribed") {
        await unsubscribeIn(trx, subscriberId, list, at, page);
      }
    }
    return true;
  });
}

async function unsubscribeIn(trx: NewsletterDb, subscriberId: string, list: string, at: string, page: string | null) {
  await trx.updateTable("newsletter_subscriptions").set({ status: "unsubscribed", updated_at: at }).where("subscriber_id", "=", subscriberId).where("list_id", "=", list).execute();
  await trx.insertInto("newsletter_consents").values({ id: sortableId(), subscriber_id: subscriberId, list_id: list, action: "unsubscribed", at, page }).execute();
  // Nothing already queued for that list reaches the reader after this.
  await trx
    .updateTable("newsletter_outbox")
    .set({ status: "cancelled" })
    .where("subscriber_id", "=", subscriberId)
    .where("status", "=", "queued")
    .where("edition_id", "in", (eb) => eb.selectFrom("newsletter_editions").select("newsletter_editions.id").where("newsletter_editions.list_id", "=", list))
    .execute();
}

/** Unsubscribes from one list, or from all (list null). Idempotent; false when no such reader. */
export async function unsubscribe(db: NewsletterDb, subscriberId: string, list: string | null, page: string | null, now = new Date()): Promise<boolean> {
  const at = iso(now);
  return db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom("newsletter_subscriptions").selectAll().where("subscriber_id", "=", subscriberId).execute();
    const subscriber = await trx.selectFrom("newsletter_subscribers").select("id").where("id", "=", subscriberId).executeTakeFirst();
    if (!subscriber) return false;
    for (const r of rows) {
      if ((list === null || r.list_id === list) && r.status !== "unsubscribed") await unsubscribeIn(trx, subscriberId, r.list_id, at, page);
    }
    if (list === null) {
      await trx.updateTable("newsletter_outbox").set({ status: "cancelled" }).where("subscriber_id", "=", subscriberId).where("status", "=", "queued").execute();
    }
    return true;
  });
}

/** Everything kept about one reader, for "download my data". */
export async function exportSubscriber(db: NewsletterDb, subscriberId: string) {
  const subscriber = await db.selectFrom("newsletter_subscribers").selectAll().where("id", "=", subscriberId).executeTakeFirst();
  if (!subscriber) return null;
  const [subscriptions, consents, messages] = await Promise.all([
    db.selectFrom("newsletter_subscriptions").select(["list_id", "status", "updated_at"]).where("subscriber_id", "=", subscriberId).execute(),
    db.selectFrom("newsletter_consents").select(["list_id", "action", "at", "page"]).where("subscriber_id", "=", subscriberId).orderBy("id").execute(),
    db
      .selectFrom("newsletter_outbox")
      .leftJoin("newsletter_editions", "newsletter_editions.id", "newsletter_outbox.edition_id")
      .select(["newsletter_outbox.kind", "newsletter_outbox.status", "newsletter_outbox.created_at", "newsletter_outbox.sent_at", "newsletter_editions.subject", "newsletter_editions.list_id"])
      .where("newsletter_outbox.subscriber_id", "=", subscriberId)
      .orderBy("newsletter_outbox.id")
      .execute(),
  ]);
  return {
    email: subscriber.email,
    status: subscriber.status,
    createdAt: subscriber.created_at,
    confirmedAt: subscriber.confirmed_at,
    bouncedAt: subscriber.bounced_at,
    subscriptions: subscriptions.map((s) => ({ list: s.list_id, status: s.status, updatedAt: s.updated_at })),
    consents: consents.map((c) => ({ list: c.list_id, action: c.action, at: c.at, page: c.page })),
    messages: messages.map((m) => ({ kind: m.kind, list: m.list_id, subject: m.subject, status: m.status, queuedAt: m.created_at, sentAt: m.sent_at })),
  };
}

/** Deletes a reader and everything kept about them (right to erasure). */
export async function deleteSubscriber(db: NewsletterDb, subscriberId: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom("newsletter_outbox").where("subscriber_id", "=", subscriberId).execute();
    await trx.deleteFrom("newsletter_tokens").where("subscriber_id", "=", subscriberId).execute();
    await trx.deleteFrom("newsletter_consents").where("subscriber_id", "=", subscriberId).execute();
    await trx.deleteFrom("newsletter_subscriptions").where("subscriber_id", "=", subscriberId).execute();
    const r = await trx.deleteFrom("newsletter_subscribers").where("id", "=", subscriberId).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  });
}

/**
 * Imports confirmed subscribers (an existing list, consent obtained elsewhere): no confirmation mail.
 * Returns how many were added or re-activated. Bounced addresses stay bounced.
 */
export async function importConfirmed(db: NewsletterDb, rows: { email: string; lists: string[]; consentedAt?: string }[], source: string, now = new Date()): Promise<number> {
  const at = iso(now);
  let count = 0;
  // Five hundred readers a transaction: a 100,000-line list is not 100,000 commits.
  for (let i = 0; i < rows.length; i += 500) {
    await db.transaction().execute(async (trx) => {
      for (const row of rows.slice(i, i + 500)) await importOne(trx, row);
    });
  }
  return count;

  async function importOne(trx: NewsletterDb, row: { email: string; lists: string[]; consentedAt?: string }) {
    let subscriber = await trx.selectFrom("newsletter_subscribers").selectAll().where("email", "=", row.email).executeTakeFirst();
    if (!subscriber) {
      const id = randomUUID();
      await trx.insertInto("newsletter_subscribers").values({ id, email: row.email, status: "active", created_at: at, confirmed_at: row.consentedAt ?? at, bounced_at: null, confirmation_sent_at: null }).execute();
      subscriber = await trx.selectFrom("newsletter_subscribers").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    } else if (subscriber.status === "bounced") {
      return;
    } else if (subscriber.status !== "active") {
      await trx.updateTable("newsletter_subscribers").set({ status: "active", confirmed_at: subscriber.confirmed_at ?? at }).where("id", "=", subscriber.id).execute();
    }
    for (const list of row.lists) {
      await trx
        .insertInto("newsletter_subscriptions")
        .values({ subscriber_id: subscriber.id, list_id: list, status: "active", updated_at: at })
        .onConflict((oc) => oc.columns(["subscriber_id", "list_id"]).doUpdateSet({ status: "active", updated_at: at }))
        .execute();
      await trx.insertInto("newsletter_consents").values({ id: sortableId(), subscriber_id: subscriber.id, list_id: list, action: "imported", at: row.consentedAt ?? at, page: source }).execute();
    }
    count++;
  }
}
