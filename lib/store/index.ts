/**
 * The reader data store: what readers give us that cannot be rebuilt from files — supporters
 * (Stripe ids, amounts, status), newsletter subscribers and consents, the email outbox, read counts
 * when there is no Redis. One set of Kysely queries runs on two engines: a SQLite file in DATA_DIR
 * (default ./data, WAL; the embedded default, created on first start) or PostgreSQL when
 * DATABASE_URL is set (several instances share it). **Map**: config.ts decides which engine and
 * refuses a DATA_DIR inside the content, a build folder or public/; schema.ts holds the `Database`
 * interface, which each feature augments from its own file with its own tables (prefix table names
 * with the feature: `revenue_…`, `newsletter_…`, `audience_…`); once.ts has the exactly-once building
 * blocks (insertOnce by id, claimRows for queues); migrations run at every start, before the first
 * query, from **one folder, lib/store/migrations/, one file per change, named
 * `YYYY-MM-DD-HHMM-<feature>-<what>.ts`** (the UTC time you wrote it, e.g.
 * `2026-12-06-0730-revenue-supporters.ts`) exporting `up(db)` (and `down(db)` when it can be undone);
 * they run in name order, a file that lands later with an earlier name still runs (unordered
 * migrations are allowed, so features landing in parallel never block each other), and a file is
 * never edited once landed — write a new one. Migrations use only Kysely's schema builder and types
 * both engines share (text, integer, real), per schema.ts's column conventions. The store is one
 * per process (getStore(): the server, the instrumentation hook and every Next bundle share the
 * object on globalThis), and its conformance suite (tests/store/) runs on both engines.
 */
import fs from "node:fs";
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type MigrationProvider, type MigrationResultSet } from "kysely";
import type { Database } from "./schema";
import { storeTarget, type StoreTarget } from "./config";
import { projectMigrations } from "./migrations";
import { peekProcessSingleton, setProcessSingleton } from "../config/singleton.mjs";

export type { Database } from "./schema";
export { insertOnce, claimRows, type Db, type ClaimOptions } from "./once";

export type Dialect = "sqlite" | "postgres";

export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Where it is, for logs (never the password). */
  describe: string;
  /** The migrations this open applied (empty when the database was up to date). */
  applied: string[];
  close(): Promise<void>;
}

export interface OpenOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Tests: other migrations than lib/store/migrations/. */
  migrations?: MigrationProvider;
}

async function dialectFor(target: StoreTarget) {
  if (target.dialect === "postgres") {
    const { Pool, types } = await import("pg");
    // count(*) and other bigints come back as numbers, as they do from SQLite (counts here stay far
    // below 2^53).
    const parsers = {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === types.builtins.INT8 ? Number : types.getTypeParser(oid, format as "text")) as typeof types.getTypeParser,
    };
    const pool = new Pool({ connectionString: target.url, max: target.poolMax, types: parsers, connectionTimeoutMillis: 10_000 });
    // An idle client losing its connection (PostgreSQL restarted) must not crash the process.
    pool.on("error", (error) => console.error(`Reader data store (PostgreSQL): ${error.message}`));
    return new PostgresDialect({ pool });
  }
  fs.mkdirSync(target.dataDir, { recursive: true });
  const { default: SQLite } = await import("better-sqlite3");
  const database = new SQLite(target.file);
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = NORMAL");
  database.pragma("busy_timeout = 5000");
  database.pragma("foreign_keys = ON");
  return new SqliteDialect({ database });
}

const describeTarget = (target: StoreTarget) =>
  target.dialect === "postgres" ? `PostgreSQL ${new URL(target.url).host}${new URL(target.url).pathname}` : `SQLite ${target.file}`;

/** Runs the migrations not yet applied; throws naming the one that failed. */
export async function migrate(db: Kysely<Database>, provider: MigrationProvider = projectMigrations): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: "store_migrations",
    migrationLockTableName: "store_migrations_lock",
    allowUnorderedMigrations: true,
  });
  const { error, results }: MigrationResultSet = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error) throw new Error(`Reader data store: migration ${failed?.migrationName ?? ""} failed: ${error instanceof Error ? error.message : String(error)}`);
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/** Opens a store and brings its schema up to date. Prefer getStore() outside tests. */
export async function openStore(options: OpenOptions = {}): Promise<Store> {
  const target = storeTarget(options.env ?? process.env, options.cwd ?? process.cwd());
  const db = new Kysely<Database>({ dialect: await dialectFor(target) });
  try {
    const applied = await migrate(db, options.migrations);
    return { db, dialect: target.dialect, describe: describeTarget(target), applied, close: () => db.destroy() };
  } catch (error) {
    await db.destroy().catch(() => {});
    throw error;
  }
}

// On globalThis: the instrumentation hook, the route handlers and pages are separate bundles of one
// process, and server/main.ts may reach it too; all of them share one connection (or pool).

/** The process's store, opened (and migrated) on first use. A failed open is retried by the next call. */
export function getStore(): Promise<Store> {
  const open = peekProcessSingleton<Promise<Store>>("store");
  if (open) return open;
  const opening = openStore().then((store) => {
    if (store.applied.length) console.log(`Reader data store (${store.describe}): applied ${store.applied.join(", ")}`);
    return store;
  });
  setProcessSingleton("store", opening);
  opening.catch(() => {
    if (peekProcessSingleton("store") === opening) setProcessSingleton("store", undefined);
  });
  return opening;
}

/** Closes the process's store (tests, shutdown). */
export async function closeStore(): Promise<void> {
  const opening = peekProcessSingleton<Promise<Store>>("store");
  setProcessSingleton("store", undefined);
  if (opening) await (await opening.catch(() => null))?.close();
}
