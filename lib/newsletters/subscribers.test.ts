/**
 * Subscribers and the outbox on both engines of the reader data store: SQLite, and a real
 * PostgreSQL (scripts/store/postgres.mjs on MASTHEAD_POSTGRES_TEST_PORT + 3; skipped with a message
 * when PostgreSQL is not installed, a failure in CI).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openStore, type Dialect, type Store } from "../store";
import { postgresAvailable, postgresEngine, sqliteEngine, POSTGRES_TEST_PORT, type Engine } from "../../tests/store/engines";
import type { NewsletterDb } from "./subscribers";
import { confirm, createConfirmToken, deleteSubscriber, exportSubscriber, manageToken, normaliseEmail, preferences, setLists, signUp, signingKey, unsubscribe, verifyManageToken } from "./subscribers";
import { claimBatch, claimNext, complete, fanOut, holdForSending, outboxCounts, release } from "./outbox";
import { classifySmtpError } from "./sender";

const ENGINES: [Engine["name"], () => Promise<Engine>][] = [["SQLite", async () => sqliteEngine()]];
// Its own PostgreSQL: the store's suites in tests/store/ run in parallel on the ports below it.
if (postgresAvailable()) ENGINES.push(["PostgreSQL", () => postgresEngine(POSTGRES_TEST_PORT + 3)]);

const T0 = new Date("2026-12-06T06:00:00Z");
const later = (ms: number) => new Date(T0.getTime() + ms);
const HOUR = 3600_000;

describe.each(ENGINES)("newsletters' subscribers and outbox on %s", (_name, makeEngine) => {
  let engine: Engine;
  let store: Store;
  let db: NewsletterDb;
  let dialect: Dialect;
  beforeAll(async () => {
    engine = await makeEngine();
  }, 60_000);
  afterAll(async () => {
    await engine?.stop();
  });
  beforeEach(async () => {
    store = await openStore(await engine.fresh());
    db = store.db;
    dialect = store.dialect;
  });
  afterEach(async () => {
    await store.close();
  });

  async function confirmed(email: string, lists: string[]) {
    await signUp(db, { email, lists, page: "/x", now: T0 });
    const sub = await db.selectFrom("newsletter_subscribers").selectAll().where("email", "=", email).executeTakeFirstOrThrow();
    const token = await createConfirmToken(db, sub.id, lists, "/x", T0);
    expect(await confirm(db, token, T0)).toMatchObject({ ok: true });
    return sub.id;
  }

  describe("sign-up", () => {
    it("accepts plausible addresses only, lower-cased", () => {
      expect(normaliseEmail("  Reader@Example.COM ")).toBe("reader@example.com");
      for (const bad of ["", "no-at", "a@b", "a b@c.d", "<a@b.c>", `${"x".repeat(250)}@b.cd`, 42]) expect(normaliseEmail(bad)).toBeNull();
    });

    it("queues one confirmation per address per day, whatever the address's state", async () => {
      expect(await signUp(db, { email: "a@x.test", lists: ["daily"], page: "/news/one", now: T0 })).toEqual({ queued: true });
      expect(await signUp(db, { email: "a@x.test", lists: ["daily", "alerts"], page: "/", now: later(HOUR) })).toEqual({ queued: false });
      expect(await signUp(db, { email: "a@x.test", lists: ["alerts"], page: "/", now: later(25 * HOUR) })).toEqual({ queued: true });
      const rows = await db.selectFrom("newsletter_outbox").selectAll().execute();
      expect(rows.map((r) => (JSON.parse(r.data!).lists as string[]).sort())).toEqual([["daily"], ["alerts", "daily"]]);
    });

    it("records the consent with time, list and page", async () => {
      await signUp(db, { email: "b@x.test", lists: ["daily", "alerts"], page: "/news/harbour", now: T0 });
      const consents = await db.selectFrom("newsletter_consents").select(["list_id", "action", "at", "page"]).orderBy("id").execute();
      expect(consents).toEqual([
        { list_id: "daily", action: "requested", at: T0.toISOString(), page: "/news/harbour" },
        { list_id: "alerts", action: "requested", at: T0.toISOString(), page: "/news/harbour" },
      ]);
    });

    it("sends nothing to a confirmed reader signing up again for the same list", async () => {
      await confirmed("c@x.test", ["daily"]);
      expect(await signUp(db, { email: "c@x.test", lists: ["daily"], page: "/", now: later(48 * HOUR) })).toEqual({ queued: false });
    });
  });

  describe("confirmation", () => {
    it("works once, within 48 hours", async () => {
      await signUp(db, { email: "d@x.test", lists: ["daily"], page: "/", now: T0 });
      const sub = await db.selectFrom("newsletter_subscribers").selectAll().executeTakeFirstOrThrow();
      const token = await createConfirmToken(db, sub.id, ["daily"], "/", T0);
      const expired = await createConfirmToken(db, sub.id, ["daily"], "/", T0);
      expect(await confirm(db, expired, later(48 * HOUR + 1))).toEqual({ ok: false, reason: "expired" });
      expect(await confirm(db, token, later(47 * HOUR))).toEqual({ ok: true, subscriberId: sub.id, lists: ["daily"] });
      expect(await confirm(db, token, later(47 * HOUR))).toEqual({ ok: false, reason: "used" });
      expect(await confirm(db, "x".repeat(43), T0)).toEqual({ ok: false, reason: "invalid" });
      expect(await preferences(db, sub.id)).toEqual({ email: "d@x.test", status: "active", lists: { daily: "active" } });
    });
  });

  describe("links, preferences and erasure", () => {
    it("signs manage links and refuses altered ones", async () => {
      const key = await signingKey(db, {});
      expect(await signingKey(db, {})).toBe(key);
      const id = "0b8a6a58-3f43-4c1a-9a3e-2d7f0c1e5b11";
      const token = manageToken(key, id);
      expect(verifyManageToken(key, token)).toBe(id);
      expect(verifyManageToken(key, token.slice(0, -1) + (token.endsWith("A") ? "B" : "A"))).toBeNull();
      expect(verifyManageToken(key, token.replace(/^0/, "1"))).toBeNull();
      expect(verifyManageToken("another key", token)).toBeNull();
    });

    it("changes lists, unsubscribes (cancelling queued mail), exports and deletes", async () => {
      const id = await confirmed("e@x.test", ["daily"]);
      expect(await setLists(db, id, ["daily", "alerts"], ["daily", "alerts"], "/newsletters/preferences")).toBe(true);
      expect((await preferences(db, id))!.lists).toEqual({ daily: "active", alerts: "active" });
      await db.insertInto("newsletter_editions").values({ id: "ed1", key: "k1", list_id: "daily", kind: "digest", subject: "s", html: "h", mail_html: "h", mail_text: "t", articles: "[]", covers_until: T0.toISOString(), created_at: T0.toISOString() }).execute();
      expect(await fanOut(db, "ed1", "daily", T0)).toBe(1);
      expect(await fanOut(db, "ed1", "daily", T0)).toBe(0);
      await unsubscribe(db, id, "daily", null);
      expect(await outboxCounts(db)).toMatchObject({ cancelled: 1 });
      expect((await preferences(db, id))!.lists).toEqual({ daily: "unsubscribed", alerts: "active" });
      const data = await exportSubscriber(db, id);
      expect(data).toMatchObject({ email: "e@x.test", subscriptions: expect.arrayContaining([{ list: "daily", status: "unsubscribed", updatedAt: expect.any(String) }]) });
      expect(data!.consents.map((c) => c.action)).toEqual(["requested", "confirmed", "confirmed", "unsubscribed"]);
      expect(await deleteSubscriber(db, id)).toBe(true);
      expect(await exportSubscriber(db, id)).toBeNull();
      expect(await db.selectFrom("newsletter_consents").selectAll().execute()).toEqual([]);
    });
  });

  describe("outbox", () => {
    it("hands each row to one worker; a dead worker's row is taken over after its lease", async () => {
      await signUp(db, { email: "f@x.test", lists: ["daily"], page: "/", now: T0 });
      const a = await claimNext(db, dialect, "A", T0);
      expect(a).not.toBeNull();
      expect(await claimNext(db, dialect, "B", T0)).toBeNull();
      const b = await claimNext(db, dialect, "B", later(3 * 60_000));
      expect(b?.id).toBe(a!.id);
      // A's late answer does not overwrite B's claim.
      await complete(db, a!, "A", { status: "sent", response: "250" }, later(3 * 60_000));
      expect(await outboxCounts(db)).toEqual({ sending: 1 });
      await complete(db, b!, "B", { status: "sent", response: "250" }, later(3 * 60_000));
      expect(await outboxCounts(db)).toEqual({ sent: 1 });
    });

    it("claims in batches without overlap; a row taken over after its lease is not sent by its first holder; a stopping worker gives rows back", async () => {
      for (const e of ["h1", "h2", "h3", "h4", "h5"]) await signUp(db, { email: `${e}@x.test`, lists: ["daily"], page: "/", now: T0 });
      const a = await claimBatch(db, dialect, "A", 3, T0);
      const b = await claimBatch(db, dialect, "B", 3, T0);
      expect(a).toHaveLength(3);
      expect(b).toHaveLength(2);
      expect(new Set([...a, ...b].map((r) => r.id)).size).toBe(5);
      expect(await claimBatch(db, dialect, "C", 3, T0)).toEqual([]);
      // A holds its first row right before sending it (a new lease from then on)…
      expect(await holdForSending(db, a[0], "A", later(60_000))).toBe(true);
      // …but its other rows waited past their lease: C takes them over, and A must not send them.
      const c = await claimBatch(db, dialect, "C", 5, later(2 * 60_000 + 1000));
      expect(c.map((r) => r.id).sort()).toEqual([...a.slice(1), ...b].map((r) => r.id).sort());
      expect(await holdForSending(db, a[1], "A", later(2 * 60_000 + 2000))).toBe(false);
      // C stops before sending two of them: they are claimable again at once.
      await release(db, c.slice(0, 2));
      expect((await claimBatch(db, dialect, "D", 5, later(2 * 60_000 + 3000))).map((r) => r.id).sort()).toEqual(c.slice(0, 2).map((r) => r.id).sort());
    });

    it("claims a due confirmation before the rows of an edition queued earlier", async () => {
      for (const e of ["q1", "q2", "q3", "q4"]) await confirmed(`${e}@x.test`, ["daily"]);
      for (const row of await claimBatch(db, dialect, "X", 100, T0)) await complete(db, row, "X", { status: "sent", response: "250" }, T0);
      expect(await fanOut(db, "edition-1", "daily", later(1000))).toBe(4);
      await signUp(db, { email: "late@x.test", lists: ["daily"], page: "/", now: later(2000) });
      const first = await claimBatch(db, dialect, "A", 2, later(3000));
      expect(first.map((r) => r.kind)).toEqual(["confirm", "edition"]);
      expect((await claimBatch(db, dialect, "B", 10, later(3000))).map((r) => r.kind)).toEqual(["edition", "edition", "edition"]);
    });

    it("retries temporary failures with backoff and stops mailing a bounced address", async () => {
      await signUp(db, { email: "g@x.test", lists: ["daily"], page: "/", now: T0 });
      const row = await claimNext(db, dialect, "A", T0);
      await complete(db, row!, "A", { status: "retry", error: "450 try later" }, T0);
      expect(await claimNext(db, dialect, "A", later(10_000))).toBeNull();
      const again = await claimNext(db, dialect, "A", later(31_000));
      expect(again?.attempts).toBe(1);
      await complete(db, again!, "A", { status: "bounced", error: "550 unknown user" }, later(31_000));
      const sub = await db.selectFrom("newsletter_subscribers").selectAll().executeTakeFirstOrThrow();
      expect(sub.status).toBe("bounced");
      expect(await signUp(db, { email: "g@x.test", lists: ["daily"], page: "/", now: later(48 * HOUR) })).toEqual({ queued: false });
    });

    it("sorts SMTP answers: 4xx and no answer retry, 5xx at RCPT bounces, other 5xx fail", () => {
      expect(classifySmtpError({ code: "EENVELOPE", responseCode: 550, response: "550 5.1.1 unknown" }).status).toBe("bounced");
      expect(classifySmtpError({ code: "EENVELOPE", responseCode: 450, response: "450 later" }).status).toBe("retry");
      expect(classifySmtpError({ code: "ECONNECTION", message: "connect ECONNREFUSED" }).status).toBe("retry");
      expect(classifySmtpError({ code: "EMESSAGE", responseCode: 552, command: "DATA", response: "552 too big" }).status).toBe("failed");
    });
  });
});
