/**
 * Backups of the reader data store (scripts/store/backup.mjs, docs/deploy.md §10), on SQLite and on a
 * real PostgreSQL: a store with readers' rows in every table of the project's migrations is backed
 * up while open, then damaged (rows deleted, changed, added), then restored — and every row of every
 * table is back exactly as it was, nothing more.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { openStore, type Store } from "../../lib/store";
import { signUp, confirm, createConfirmToken } from "../../lib/newsletters/subscribers";
import { claimNext, complete } from "../../lib/newsletters/outbox";
import { backup, restore } from "../../scripts/store/backup.mjs";
import { postgresAvailable, postgresEngine, sqliteEngine, type Engine } from "./engines";

/** Every table of the store (but the migrator's lock), each as its rows in a stable order. */
async function everything(store: Store): Promise<Record<string, unknown[]>> {
  const tables =
    store.dialect === "sqlite"
      ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(store.db)).rows.map((r) => r.name)
      : (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public'`.execute(store.db)).rows.map((r) => r.name);
  const out: Record<string, unknown[]> = {};
  for (const table of tables.filter((t) => t !== "store_migrations_lock").sort()) {
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(store.db)).rows;
    out[table] = rows.map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b))))).sort();
  }
  return out;
}

/** Readers' data through the features' own code: sign-ups, confirmations, consents, the outbox. */
async function fill(store: Store) {
  const now = new Date("2026-12-06T07:00:00Z");
  for (const [i, email] of ["ana@x.test", "ben@x.test", "chloé@x.test"].entries()) {
    await signUp(store.db, { email, lists: i === 1 ? ["daily", "alerts"] : ["daily"], page: `/news/${i}`, now });
    const sub = await store.db.selectFrom("newsletter_subscribers").selectAll().where("email", "=", email.normalize()).executeTakeFirst();
    if (sub && i !== 2) await confirm(store.db, await createConfirmToken(store.db, sub.id, ["daily"], "/x", now), now);
  }
  const row = await claimNext(store.db, store.dialect, "w1", now);
  if (row) await complete(store.db, row, "w1", { status: "sent", response: "250 ok" }, now);
  await store.db.insertInto("newsletter_settings").values({ name: "backup-test", value: "kept" }).execute();
}

const engines: [string, () => Promise<Engine>][] = [["SQLite", async () => sqliteEngine()]];
if (postgresAvailable()) engines.push(["PostgreSQL", postgresEngine]);

for (const [name, makeEngine] of engines) {
  describe(`backup and restore (${name})`, () => {
    let engine: Engine;
    let target: { env: Record<string, string>; cwd: string };
    let store: Store;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "masthead-backup-"));

    beforeAll(async () => {
      engine = await makeEngine();
      target = await engine.fresh();
      store = await openStore(target);
    }, 120_000);
    afterAll(async () => {
      await store?.close();
      await engine?.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }, 60_000);

    it("a restore brings every row of every table back, as it was at the backup", async () => {
      await fill(store);
      const before = await everything(store);
      // Readers' rows in the tables that hold them, and the migrator's record of the schema.
      for (const table of ["newsletter_subscribers", "newsletter_subscriptions", "newsletter_consents", "newsletter_tokens", "newsletter_outbox", "newsletter_settings", "store_migrations"]) {
        expect(before[table]?.length, table).toBeGreaterThan(0);
      }

      // Taken while the store is open and in use.
      const file = path.join(dir, name === "SQLite" ? "masthead.sqlite" : "masthead.dump");
      const written = await backup(file, target);
      expect(written.bytes).toBeGreaterThan(0);

      // After the backup: a reader deleted, another changed, a new one.
      await store.db.deleteFrom("newsletter_consents").execute();
      await store.db.updateTable("newsletter_subscribers").set({ status: "unsubscribed" }).execute();
      await signUp(store.db, { email: "late@x.test", lists: ["daily"], page: "/", now: new Date("2026-12-06T08:00:00Z") });
      expect(await everything(store)).not.toEqual(before);

      // Restored with every connection closed, as the runbook says (instances stopped).
      await store.close();
      await restore(file, target);
      store = await openStore(target);
      expect(store.applied).toEqual([]);
      expect(await everything(store)).toEqual(before);
    }, 120_000);

    it("refuses a damaged or missing backup without touching the store", async () => {
      const before = await everything(store);
      await expect(restore(path.join(dir, "missing.file"), target)).rejects.toThrow(/No backup/);
      const junk = path.join(dir, "junk.bin");
      fs.writeFileSync(junk, "not a database at all");
      await store.close();
      await expect(restore(junk, target)).rejects.toThrow();
      store = await openStore(target);
      expect(await everything(store)).toEqual(before);
    }, 60_000);
  });
}
