/**
 * The newsletters at run time (issue 31): what the routes call (sign-up, confirm, links), the
 * sender loop that drains the outbox, the daily digests and the breaking-news alerts. Everything
 * is inert unless SMTP_URL is set.
 */
import { randomUUID } from "node:crypto";
import type { ArticleSummary, ContentSource } from "../sources/types";
import { getContentSource } from "../sources/source";
import { getSite, type SiteConfig } from "../config/site";
import { getStore, type Store } from "../store";
import { mailFrom, mailRate, newsletterLists, smtpUrl, type NewsletterConfig } from "./config";
import { absolute, composeAlert, composeConfirmation, composeDigest, listHeaders, personalise } from "./compose";
import { claimBatch, complete, fanOut, holdForSending, outboxBacklog, release, workerId, type OutboxRow } from "./outbox";
import { createSender, type OutgoingMessage, type Sender } from "./sender";
import { createConfirmToken, manageToken, signingKey, type NewsletterDb } from "./subscribers";
import { onShutdown } from "../observability/health";
import { outboxMetrics, watchOutbox } from "../observability/metrics";
import { peekProcessSingleton, setProcessSingleton } from "../config/singleton.mjs";

/** The links a reader's emails carry, signed for that reader. */
export async function readerLinks(db: NewsletterDb, site: SiteConfig, subscriberId: string, listId?: string) {
  return linksFor(site, await signingKey(db), subscriberId, listId);
}

export function linksFor(site: SiteConfig, key: string, subscriberId: string, listId?: string) {
  const token = manageToken(key, subscriberId);
  const q = `token=${encodeURIComponent(token)}`;
  return {
    token,
    preferences: absolute(site, `/newsletters/preferences?${q}`),
    unsubscribe: absolute(site, `/api/newsletters/unsubscribe?${q}${listId ? `&list=${encodeURIComponent(listId)}` : ""}`),
  };
}

export function editionUrl(site: SiteConfig, editionId: string): string {
  return absolute(site, `/newsletters/editions/${editionId}`);
}

type Edition = { id: string; list_id: string; subject: string; mail_html: string; mail_text: string };
type Subscriber = { id: string; email: string; status: string };

/**
 * What the messages of a batch of outbox rows need, read in three statements for the whole batch
 * rather than two per message: the readers, their list memberships, the signing key. Editions are
 * kept for the worker's life (an edition never changes once composed).
 */
export interface BatchContext {
  subscribers: Map<string, Subscriber>;
  /** "<subscriber>\u0000<list>" → status */
  subscriptions: Map<string, string>;
  key: string;
  editions: Map<string, Edition>;
}

export async function loadBatch(db: NewsletterDb, rows: OutboxRow[], editions: Map<string, Edition> = new Map()): Promise<BatchContext> {
  const ids = [...new Set(rows.map((r) => r.subscriber_id))];
  const subscribers = new Map<string, Subscriber>();
  const subscriptions = new Map<string, string>();
  // Bounded IN lists (SQLite allows 32,766 parameters; batches are far smaller).
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    for (const s of await db.selectFrom("newsletter_subscribers").select(["id", "email", "status"]).where("id", "in", chunk).execute()) subscribers.set(s.id, s);
    for (const s of await db.selectFrom("newsletter_subscriptions").select(["subscriber_id", "list_id", "status"]).where("subscriber_id", "in", chunk).execute()) {
      subscriptions.set(`${s.subscriber_id}\u0000${s.list_id}`, s.status);
    }
  }
  const missing = [...new Set(rows.map((r) => r.edition_id).filter((e): e is string => !!e && !editions.has(e)))];
  if (missing.length) {
    for (const e of await db.selectFrom("newsletter_editions").select(["id", "list_id", "subject", "mail_html", "mail_text"]).where("id", "in", missing).execute()) editions.set(e.id, e);
  }
  return { subscribers, subscriptions, key: await signingKey(db), editions };
}

/**
 * The message for one outbox row, or a reason not to send it (the reader left, bounced or was
 * deleted since it was queued). One edition is composed once; only the reader's own links (signed
 * preferences and one-click unsubscribe) are filled in per message.
 */
export async function messageFor(db: NewsletterDb, site: SiteConfig, row: OutboxRow, batch: BatchContext): Promise<OutgoingMessage | { skip: string }> {
  const subscriber = batch.subscribers.get(row.subscriber_id);
  if (!subscriber) return { skip: "the reader was deleted" };
  if (subscriber.status === "bounced") return { skip: "the address bounced" };
  const from = mailFrom(site);
  const lists = site.newsletters;
  const messageId = `<${row.id.replace(/[^A-Za-z0-9.-]/g, ".")}@${new URL(site.url).hostname}>`;
  if (row.kind === "confirm") {
    const data = JSON.parse(row.data ?? "{}") as { lists?: string[]; page?: string | null };
    const chosen = lists.filter((l) => data.lists?.includes(l.id));
    if (chosen.length === 0) return { skip: "no such list any more" };
    // A new token for each attempt: only its hash is kept, never the link itself.
    const token = await createConfirmToken(db, subscriber.id, chosen.map((l) => l.id), data.page ?? null);
    const mail = composeConfirmation(site, chosen, absolute(site, `/api/newsletters/confirm?token=${token}`));
    return { from, to: subscriber.email, ...mail, messageId };
  }
  if (subscriber.status !== "active") return { skip: "the reader is not subscribed" };
  const edition = batch.editions.get(row.edition_id ?? "");
  if (!edition) return { skip: "the edition is gone" };
  if (batch.subscriptions.get(`${subscriber.id}\u0000${edition.list_id}`) !== "active") return { skip: "the reader left this list" };
  const list = lists.find((l) => l.id === edition.list_id) ?? { id: edition.list_id, name: edition.list_id, description: "", kind: "digest" as const };
  const links = linksFor(site, batch.key, subscriber.id, list.id);
  return {
    from,
    to: subscriber.email,
    subject: edition.subject,
    html: personalise(edition.mail_html, links, true),
    text: personalise(edition.mail_text, links, false),
    headers: listHeaders(site, list, links.unsubscribe),
    messageId,
  };
}

export interface WorkerOptions {
  /** Messages in flight at once (each on its own SMTP connection of the sender's pool). */
  concurrency?: number;
  /** Rows each sending loop claims at a time. */
  batch?: number;
  leaseMs?: number;
  /** How long to wait when the outbox is empty (a sign-up in this process wakes it at once). */
  idleMs?: number;
}

export interface OutboxWorker {
  /** Look for work now (something was just queued). */
  kick(): void;
  stop(): Promise<void>;
}

/**
 * Drains the outbox with `concurrency` loops. Each claims a batch of rows (one statement), reads
 * what their messages need (three statements), then sends them one after another, marking each
 * row sent as soon as the SMTP server has accepted it — never in a batch after the fact, which would
 * widen the window in which a killed sender leaves an accepted message unmarked (decision 0172).
 */
export function startOutboxWorker(store: Store, sender: Sender, site: () => SiteConfig, options: WorkerOptions = {}): OutboxWorker {
  const worker = workerId();
  const concurrency = options.concurrency ?? 5;
  const batchSize = options.batch ?? 20;
  const idleMs = options.idleMs ?? 2000;
  const editions = new Map<string, Edition>();
  let claims = 0;
  let stopped = false;
  const sleepers = new Set<() => void>();
  const nap = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      timer.unref?.();
      sleepers.add(wake);
    });
  const sendOne = async (row: OutboxRow, batch: BatchContext) => {
    // The claim this row was taken with (one per batch): a row taken over by another claim, even
    // one of this worker's own loops, is no longer this loop's to send.
    const claim = row.claimed_by ?? "";
    if (!(await holdForSending(store.db, row, claim))) return;
    const message = await messageFor(store.db, site(), row, batch);
    if ("skip" in message) {
      await complete(store.db, row, claim, { status: "cancelled", error: message.skip });
      return;
    }
    const result = await sender.send(message);
    await complete(store.db, row, claim, result);
    const counted = outboxMetrics();
    if (result.status === "sent") counted.sent.inc();
    else if (result.status === "bounced") counted.bounced.inc();
    else counted.failed.inc();
    if (result.status !== "sent") console.warn(`[newsletters] ${row.kind} ${row.id}: ${result.status} (${"error" in result ? result.error : ""})`);
  };
  const loop = async () => {
    while (!stopped) {
      try {
        const rows = await claimBatch(store.db, store.dialect, `${worker}/${++claims}`, batchSize, new Date(), options.leaseMs);
        if (rows.length === 0) {
          await nap(idleMs);
          continue;
        }
        const batch = await loadBatch(store.db, rows, editions);
        for (const [i, row] of rows.entries()) {
          // Stopping (SIGTERM): the message being sent finishes, the rest go back to the queue.
          if (stopped) {
            await release(store.db, rows.slice(i));
            break;
          }
          await sendOne(row, batch);
        }
      } catch (error) {
        // The store is down or a row is malformed: the lease brings the rows back later.
        console.error("[newsletters] sender:", error instanceof Error ? error.message : error);
        await nap(idleMs);
      }
    }
  };
  const loops = Array.from({ length: concurrency }, () => loop());
  return {
    kick: () => [...sleepers].forEach((wake) => wake()),
    async stop() {
      stopped = true;
      [...sleepers].forEach((wake) => wake());
      await Promise.all(loops);
      sender.close();
    },
  };
}

// ——— editions ———

/**
 * The stories of a digest, in the home page's order: the pinned lead (`briefingLead: true`) or the
 * home page's lead rule (the newest story with a picture among the first five, never a sponsored
 * one), then the others newest first.
 */
export function digestOrder(stories: ArticleSummary[]): ArticleSummary[] {
  const leadable = stories.filter((a) => a.kind !== "sponsored");
  const lead = stories.find((a) => a.briefingLead) ?? leadable.slice(0, 5).find((a) => a.image) ?? leadable[0] ?? stories[0];
  return lead ? [lead, ...stories.filter((a) => a !== lead)] : [];
}

/** Visible stories published after `since` up to `until`, newest first (at most 30). */
export async function storiesBetween(source: ContentSource, since: string, until: string): Promise<ArticleSummary[]> {
  const page = await source.listArticles({ from: since, until, perPage: 60 });
  return page.items.filter((a) => Date.parse(a.publishedAt) > Date.parse(since) && Date.parse(a.publishedAt) <= Date.parse(until)).slice(0, 30);
}

export type EditionOutcome = { created: true; id: string; recipients: number; articles: string[] } | { created: false; reason: "empty" | "exists" | "unknown-list" };

/**
 * Composes and queues a digest of `list`, under `key` (one edition per key, whichever instance
 * gets there first). The stories are those published since the previous edition of the list (or
 * the last 24 hours for the first); no new story → nothing is created or sent.
 */
export async function createDigest(store: Store, site: SiteConfig, source: ContentSource, listId: string, key: string, now = new Date()): Promise<EditionOutcome> {
  const list = site.newsletters.find((l) => l.id === listId && l.kind === "digest");
  if (!list) return { created: false, reason: "unknown-list" };
  const previous = await store.db.selectFrom("newsletter_editions").select("covers_until").where("list_id", "=", listId).orderBy("created_at", "desc").limit(1).executeTakeFirst();
  const since = previous?.covers_until ?? new Date(now.getTime() - 24 * 3600_000).toISOString();
  const stories = digestOrder(await storiesBetween(source, since, now.toISOString()));
  if (stories.length === 0) return { created: false, reason: "empty" };
  const id = randomUUID();
  const mail = composeDigest(site, list, stories, now, editionUrl(site, id));
  return insertEdition(store, { id, key, list, kind: "digest", mail, articles: stories.map((s) => s.slug), coversUntil: now.toISOString(), now });
}

async function insertEdition(
  store: Store,
  e: { id: string; key: string; list: NewsletterConfig; kind: "digest" | "alert"; mail: { subject: string; html: string; text: string; webHtml: string }; articles: string[]; coversUntil: string; now: Date },
): Promise<EditionOutcome> {
  return store.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto("newsletter_editions")
      .values({
        id: e.id,
        key: e.key,
        list_id: e.list.id,
        kind: e.kind,
        subject: e.mail.subject,
        html: e.mail.webHtml,
        mail_html: e.mail.html,
        mail_text: e.mail.text,
        articles: JSON.stringify(e.articles),
        covers_until: e.coversUntil,
        created_at: e.now.toISOString(),
      })
      .onConflict((oc) => oc.column("key").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) return { created: false, reason: "exists" } as const;
    const recipients = await fanOut(trx, e.id, e.list.id, e.now);
    return { created: true, id: e.id, recipients, articles: e.articles } as const;
  });
}

/** An alert older than this when it first becomes visible is not mailed (an archive import, a back-dated story). */
export const ALERT_FRESHNESS_MS = 24 * 3600_000;

/**
 * Mails an `alert: true` article to every alerts list, once: the edition's key is the list and the
 * article, so an edit, a second webhook call or a second instance finds it already there. Only for
 * an article readers can see now, published within the last day; never for a draft.
 */
export async function alertIfDue(store: Store, site: SiteConfig, article: ArticleSummary | null, now = new Date()): Promise<EditionOutcome[]> {
  if (!article || !article.alert || article.status !== "published") return [];
  const published = Date.parse(article.publishedAt);
  if (published > now.getTime() || now.getTime() - published > ALERT_FRESHNESS_MS) return [];
  const outcomes: EditionOutcome[] = [];
  for (const list of site.newsletters.filter((l) => l.kind === "alerts")) {
    const id = randomUUID();
    const mail = composeAlert(site, list, article, editionUrl(site, id));
    outcomes.push(await insertEdition(store, { id, key: `alert:${list.id}:${article.slug}`, list, kind: "alert", mail, articles: [article.slug], coversUntil: now.toISOString(), now }));
  }
  return outcomes;
}

// ——— the process's newsletters ———

interface Running {
  worker: OutboxWorker;
  digestTimer: NodeJS.Timeout;
}

/** Wakes this process's sender (after queueing something). */
export function kickSender(): void {
  peekProcessSingleton<Running>("newsletters")?.worker.kick();
}

/** The local date and "HH:MM" now in a time zone. */
export function localClock(now: Date, timeZone: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** Digests due now: each list's schedule has passed today (site's time zone) within the last six hours. */
export async function runDueDigests(store: Store, site: SiteConfig, source: ContentSource, now = new Date()): Promise<EditionOutcome[]> {
  const { date, time } = localClock(now, site.timeZone);
  const outcomes: EditionOutcome[] = [];
  for (const list of site.newsletters.filter((l) => l.kind === "digest" && l.schedule)) {
    const [h, m] = list.schedule!.split(":").map(Number);
    const [nh, nm] = time.split(":").map(Number);
    const late = nh * 60 + nm - (h * 60 + m);
    if (late < 0 || late > 6 * 60) continue;
    // One run per list and day, whichever instance claims it; an empty day is claimed too, so
    // stories published later that day wait for tomorrow's edition.
    const claimed = await store.db
      .insertInto("newsletter_settings")
      .values({ name: `digest-run:${list.id}:${date}`, value: now.toISOString() })
      .onConflict((oc) => oc.column("name").doNothing())
      .returning("name")
      .executeTakeFirst();
    if (!claimed) continue;
    outcomes.push(await createDigest(store, site, source, list.id, `digest:${list.id}:${date}`, now));
  }
  return outcomes;
}

/** Starts the sender and the digest clock once per process, when SMTP_URL is set. */
export async function ensureNewsletters(): Promise<void> {
  const url = smtpUrl();
  if (peekProcessSingleton("newsletters") || !url || newsletterLists().length === 0) return;
  const store = await getStore();
  const worker = startOutboxWorker(store, createSender(url, mailRate()), getSite);
  const tick = async () => {
    try {
      const outcomes = await runDueDigests(store, getSite(), getContentSource());
      if (outcomes.some((o) => o.created)) worker.kick();
    } catch (error) {
      console.error("[newsletters] digest:", error instanceof Error ? error.message : error);
    }
  };
  const digestTimer = setInterval(() => void tick(), 30_000);
  digestTimer.unref();
  setProcessSingleton<Running>("newsletters", { worker, digestTimer });
  // The outbox's depth and oldest due email, read when Prometheus scrapes (alert: outbox stuck).
  watchOutbox(() => outboxBacklog(store.db));
  // SIGTERM (server/shutdown.ts): no new claim, the message being sent finishes.
  onShutdown("newsletters", async () => {
    clearInterval(digestTimer);
    await worker.stop();
  });
  void tick();
}
