/** The outbox as the metrics read it (alert: outbox stuck, deploy/prometheus/masthead-rules.yml). */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testStore } from "./test-db";
import { signUp } from "./subscribers";
import { claimNext, complete, outboxBacklog } from "./outbox";
import { exposition, watchOutbox } from "../observability/metrics.mjs";

let store: Awaited<ReturnType<typeof testStore>>;
beforeEach(async () => {
  store = await testStore();
});
afterEach(async () => {
  await store.remove();
});

const T0 = new Date("2026-12-06T06:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

describe("the outbox's backlog", () => {
  it("counts what waits, and how late the oldest due email is; a sent email leaves it", async () => {
    expect(await outboxBacklog(store.db, T0)).toEqual({ depth: 0, oldestSeconds: 0 });
    await signUp(store.db, { email: "a@x.test", lists: ["daily"], page: "/", now: T0 });
    await signUp(store.db, { email: "b@x.test", lists: ["daily"], page: "/", now: at(5) });
    // Nobody sent them: 20 minutes after the first was due, it is 20 minutes late.
    expect(await outboxBacklog(store.db, at(20))).toEqual({ depth: 2, oldestSeconds: 20 * 60 });
    const row = await claimNext(store.db, store.dialect, "w1", at(20));
    await complete(store.db, row!, "w1", { status: "sent", response: "250 ok" }, at(20));
    expect(await outboxBacklog(store.db, at(20))).toEqual({ depth: 1, oldestSeconds: 15 * 60 });
  });

  it("a retry scheduled later is waiting, not late", async () => {
    await signUp(store.db, { email: "c@x.test", lists: ["daily"], page: "/", now: T0 });
    const row = await claimNext(store.db, store.dialect, "w1", T0);
    await complete(store.db, row!, "w1", { status: "retry", error: "451 try later" }, T0);
    expect(await outboxBacklog(store.db, at(0.1))).toEqual({ depth: 1, oldestSeconds: 0 });
  });

  it("is what Prometheus reads; a store that fails leaves the scrape working", async () => {
    await signUp(store.db, { email: "d@x.test", lists: ["daily"], page: "/", now: T0 });
    watchOutbox(() => outboxBacklog(store.db, at(30)));
    let text = (await exposition()).body;
    expect(text).toMatch(/^masthead_newsletter_outbox_depth 1$/m);
    expect(text).toMatch(/^masthead_newsletter_outbox_oldest_seconds 1800$/m);
    watchOutbox(async () => {
      throw new Error("database gone");
    });
    await new Promise((r) => setTimeout(r, 1100));
    text = (await exposition()).body;
    expect(text).toMatch(/^masthead_newsletter_outbox_depth 1$/m);
  });
});
