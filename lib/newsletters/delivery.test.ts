/**
 * The sender and the outbox against a real mail server: Postfix from Debian on 127.0.0.1:2527
 * (scripts/mail/postfix.mjs), delivering to a Maildir read here; and two instances draining one
 * outbox in a real PostgreSQL (scripts/store/postgres.mjs on MASTHEAD_POSTGRES_TEST_PORT + 4).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPostfix, stopPostfix, readMailbox, readReceived, mailboxCounts, duplicateCounts, queuedMessages } from "../../scripts/mail/postfix.mjs";
import { openStore, type Store } from "../store";
import { postgresAvailable, postgresEngine, POSTGRES_TEST_PORT, type Engine } from "../../tests/store/engines";
import { loadSiteConfig } from "../config/site";
import { testStore } from "./test-db";
import { createSender } from "./sender";
import { alertIfDue, startOutboxWorker } from "./service";
import { confirm, importConfirmed, signUp, unsubscribe, verifyManageToken, signingKey } from "./subscribers";
import { outboxCounts } from "./outbox";
import type { ArticleSummary } from "../sources/types";

const PORT = Number(process.env.MASTHEAD_SMTP_TEST_PORT || 2527);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "masthead-postfix-"));
let mailDir = "";
let store: Awaited<ReturnType<typeof testStore>>;
const site = { ...loadSiteConfig(path.resolve("content")), url: "https://harbour-ledger.example" };

beforeAll(async () => {
  mailDir = (await startPostfix({ dir, port: PORT })).mailDir;
  store = await testStore();
}, 60_000);
afterAll(async () => {
  await store?.remove();
  await stopPostfix(dir);
  fs.rmSync(dir, { recursive: true, force: true });
});

async function until<T>(what: string, check: () => Promise<T | null | undefined | false> | T | null | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The raw message with folded header lines unfolded. */
const unfold = (raw: string) => raw.replace(/\r?\n[ \t]+/g, " ");
const decoded = (raw: string) => raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));

describe("delivery through Postfix", () => {
  it("sends the confirmation, then an alert with one-click unsubscribe headers; a refused address is marked bounced", async () => {
    const worker = startOutboxWorker(store, createSender(`smtp://127.0.0.1:${PORT}`, 0), () => site, { idleMs: 100 });
    try {
      await signUp(store.db, { email: "reader@inbox.test", lists: ["breaking"], page: "/news/x" });
      await signUp(store.db, { email: "nobody-here@inbox.test", lists: ["breaking"], page: "/news/x" });
      worker.kick();
      const [confirmation] = await until("the confirmation mail", () => readMailbox(mailDir, "reader@inbox.test").length === 1 && readMailbox(mailDir, "reader@inbox.test"));
      expect(confirmation).toMatch(/^Subject: Confirm your subscription to The Harbour Ledger/m);
      const token = /\/api\/newsletters\/confirm\?token=([A-Za-z0-9_-]+)/.exec(decoded(confirmation))![1];
      expect(await confirm(store.db, token)).toMatchObject({ ok: true, lists: ["breaking"] });

      const bounced = await until("the bounce", async () => (await store.db.selectFrom("newsletter_subscribers").selectAll().where("email", "=", "nobody-here@inbox.test").executeTakeFirst())?.status === "bounced");
      expect(bounced).toBe(true);

      const article = { slug: "storm", title: "Storm closes the harbour", description: "Ferries are cancelled.", url: "/news/storm", section: { name: "News" }, publishedAt: new Date().toISOString(), status: "published", kind: "news", alert: true } as unknown as ArticleSummary;
      const [outcome] = await alertIfDue(store, site, article);
      expect(outcome).toMatchObject({ created: true, recipients: 1 });
      expect(await alertIfDue(store, site, article)).toEqual([{ created: false, reason: "exists" }]);
      worker.kick();
      const alert = unfold(await until("the alert", () => readMailbox(mailDir, "reader@inbox.test").find((m) => /^Subject: Breaking:/m.test(m))));
      // Counted as sent, not as seen: a copy the mail server kept out of the inbox would count too.
      expect(readReceived(mailDir, "reader@inbox.test")).toHaveLength(2);
      expect(alert).toMatch(/^Subject: Breaking: Storm closes the harbour/m);
      expect(alert).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
      expect(alert).toMatch(/^List-Id: Breaking news <breaking\.harbour-ledger\.example>/im);
      const unsubscribeUrl = /^List-Unsubscribe: <(https:\/\/harbour-ledger\.example\/api\/newsletters\/unsubscribe\?token=[^>]+)>/im.exec(alert)![1].replace(/\s+/g, "");
      const subscriberId = verifyManageToken(await signingKey(store.db), new URL(unsubscribeUrl).searchParams.get("token"));
      expect(subscriberId).toBeTruthy();
      expect(decoded(alert)).not.toMatch(/\{\{/);
      expect(alert).toMatch(/Content-Type: text\/plain/);

      await unsubscribe(store.db, subscriberId!, "breaking", null);
      const second = { ...article, slug: "storm-2", title: "Second storm" } as ArticleSummary;
      expect(await alertIfDue(store, site, second)).toEqual([{ created: true, id: expect.any(String), recipients: 0, articles: ["storm-2"] }]);
      // The mail can be in the Maildir a moment before its row is marked: wait for the mark.
      await until("the alert marked sent", async () => !(await outboxCounts(store.db)).sending);
      expect(await outboxCounts(store.db)).toEqual({ sent: 2, bounced: 1 });
      expect(readMailbox(mailDir, "nobody-here@inbox.test")).toEqual([]);
    } finally {
      await worker.stop();
    }
  }, 60_000);

  // A sender killed after the server took a message but before the outbox marked it sent leaves the
  // row "sending"; once its lease runs out another sender sends it again (at-least-once, 0172). The
  // copy carries the same Message-ID, and the mail server keeps it out of the reader's inbox (0195).
  it("a message sent again after a crash reaches the reader's inbox once", async () => {
    const email = "after-crash@inbox.test";
    expect(await importConfirmed(store.db, [{ email, lists: ["breaking"] }], "test")).toBe(1);
    const worker = startOutboxWorker(store, createSender(`smtp://127.0.0.1:${PORT}`, 0), () => site, { idleMs: 100 });
    try {
      const article = { slug: "crash", title: "Cranes stop at the container quay", description: "Work halts.", url: "/news/crash", section: { name: "News" }, publishedAt: new Date().toISOString(), status: "published", kind: "news", alert: true } as unknown as ArticleSummary;
      const [outcome] = await alertIfDue(store, site, article);
      expect(outcome).toMatchObject({ created: true, recipients: 1 });
      worker.kick();
      const [first] = await until("the alert", () => readMailbox(mailDir, email).length === 1 && readMailbox(mailDir, email));
      const reader = await store.db.selectFrom("newsletter_subscribers").select("id").where("email", "=", email).executeTakeFirstOrThrow();
      const row = await until("the alert marked sent", () => store.db.selectFrom("newsletter_outbox").selectAll().where("subscriber_id", "=", reader.id).where("kind", "=", "edition").where("status", "=", "sent").executeTakeFirst());
      // What the kill leaves: the row still "sending", claimed by a sender whose lease has run out.
      await store.db.updateTable("newsletter_outbox").set({ status: "sending", sent_at: null, claimed_by: "killed/1", claimed_at: new Date(Date.now() - 24 * 3600_000).toISOString() }).where("id", "=", row.id).execute();
      worker.kick();
      const [copy] = await until("the copy at the mail server", () => readReceived(mailDir, email).length === 2 && readReceived(mailDir, email).filter((m) => !readMailbox(mailDir, email).includes(m)));
      const messageId = (raw: string) => /^Message-ID:\s*(\S+)/im.exec(raw)?.[1];
      expect(messageId(copy)).toBe(messageId(first));
      expect(readMailbox(mailDir, email)).toHaveLength(1);
      expect(duplicateCounts(mailDir).get(email)).toBe(1);
    } finally {
      await worker.stop();
    }
  }, 60_000);

  it("retries a temporary refusal (450) later instead of dropping it", async () => {
    const worker = startOutboxWorker(store, createSender(`smtp://127.0.0.1:${PORT}`, 0), () => site, { idleMs: 100 });
    try {
      await signUp(store.db, { email: "later-one@inbox.test", lists: ["breaking"], page: "/" });
      worker.kick();
      const row = await until("a retry", async () => {
        const r = await store.db.selectFrom("newsletter_outbox").selectAll().where("kind", "=", "confirm").where("attempts", "=", 1).executeTakeFirst();
        return r;
      });
      expect(row).toMatchObject({ status: "queued", attempts: 1 });
      expect(row.last_error).toMatch(/450/);
      expect(Date.parse(row.next_attempt_at)).toBeGreaterThan(Date.now() + 20_000);
    } finally {
      await worker.stop();
    }
  }, 60_000);

  it("a reader who signs up while an alert goes out to everyone gets the confirmation at once, not after the alert", async () => {
    const readers = Array.from({ length: 300 }, (_, i) => `queue-${String(i).padStart(3, "0")}@inbox.test`);
    expect(await importConfirmed(store.db, readers.map((email) => ({ email, lists: ["breaking"] })), "test")).toBe(readers.length);
    // Paced at 60 messages a second, the alert takes five seconds or more, however fast the machine.
    const worker = startOutboxWorker(store, createSender(`smtp://127.0.0.1:${PORT}`, 60), () => site, { idleMs: 100 });
    try {
      const article = { slug: "queue-storm", title: "Gales close the causeway", description: "The causeway is shut.", url: "/news/queue-storm", section: { name: "News" }, publishedAt: new Date().toISOString(), status: "published", kind: "news", alert: true } as unknown as ArticleSummary;
      const [outcome] = await alertIfDue(store, site, article);
      expect(outcome).toMatchObject({ created: true });
      worker.kick();
      const everyone = new Set(readers);
      const delivered = () => [...mailboxCounts(mailDir).keys()].filter((to) => everyone.has(to)).length;
      await until("the alert's first deliveries", () => delivered() > 0);
      // Queued behind the alert's 300 messages.
      await signUp(store.db, { email: "impatient@inbox.test", lists: ["morning-briefing"], page: "/newsletters" });
      worker.kick();
      await until("the confirmation", () => mailboxCounts(mailDir).get("impatient@inbox.test") === 1, 60_000);
      // First come, first served, it would arrive after all 300; it goes before most of them.
      expect(delivered()).toBeLessThan(readers.length - 100);
      await until("every reader's alert", () => delivered() === readers.length, 60_000);
    } finally {
      await worker.stop();
    }
  }, 120_000);
});

// Two instances of the site share one PostgreSQL (DATABASE_URL): each has its own connection pool,
// its own sender and SMTP connections, and drains the same outbox. Every message must reach its
// reader exactly once (the store's claimRows: FOR UPDATE SKIP LOCKED), whichever instance sent it.
describe.skipIf(!postgresAvailable())("two instances on one PostgreSQL outbox", () => {
  let engine: Engine;
  let instances: Store[] = [];
  beforeAll(async () => {
    engine = await postgresEngine(POSTGRES_TEST_PORT + 4);
    const target = await engine.fresh();
    instances = [await openStore(target), await openStore(target)];
  }, 60_000);
  afterAll(async () => {
    for (const instance of instances) await instance.close();
    await engine?.stop();
  });

  it("sends each message of an alert once, shared between the two", async () => {
    const [a, b] = instances;
    const readers = Array.from({ length: 240 }, (_, i) => `reader-pg-${String(i).padStart(3, "0")}@inbox.test`);
    expect(await importConfirmed(a.db, readers.map((email) => ({ email, lists: ["breaking"] })), "test")).toBe(readers.length);
    const workers = [a, b].map((instance) => startOutboxWorker(instance, createSender(`smtp://127.0.0.1:${PORT}`, 0), () => site, { idleMs: 50, concurrency: 4 }));
    try {
      const article = { slug: "pg-storm", title: "Storm over two instances", description: "Both send.", url: "/news/pg-storm", section: { name: "News" }, publishedAt: new Date().toISOString(), status: "published", kind: "news", alert: true } as unknown as ArticleSummary;
      // Each instance hears of the publish (as with the cluster's broadcast): one edition all the same.
      const outcomes = await Promise.all([alertIfDue(a, site, article), alertIfDue(b, site, article)]);
      expect(outcomes.flat().filter((o) => o.created)).toHaveLength(1);
      workers.forEach((w) => w.kick());
      const everyone = new Set(readers);
      await until("every reader's alert", () => [...mailboxCounts(mailDir).keys()].filter((to) => everyone.has(to)).length === readers.length, 60_000);
      // Nothing left to send, and nothing Postfix still holds: what is in the Maildir is all there will be.
      await until("the outbox drained", async () => (await outboxCounts(a.db)).sent === readers.length);
      await until("Postfix's queue empty", () => queuedMessages(dir) === 0);
      const counts = mailboxCounts(mailDir);
      expect(readers.filter((to) => counts.get(to) !== 1)).toEqual([]);
      // Nothing sent twice either (a copy would be kept out of the inbox by the mail server).
      expect([...duplicateCounts(mailDir).keys()].filter((to) => everyone.has(to))).toEqual([]);
      // Claims are "<sender>/<n>": both senders sent a share.
      const sent = await a.db.selectFrom("newsletter_outbox").select("claimed_by").where("status", "=", "sent").execute();
      const bySender = new Map<string, number>();
      for (const r of sent) bySender.set(r.claimed_by!.split("/")[0], (bySender.get(r.claimed_by!.split("/")[0]) ?? 0) + 1);
      expect(bySender.size).toBe(2);
      expect([...bySender.values()].reduce((x, y) => x + y, 0)).toBe(readers.length);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
  }, 120_000);
});
