/**
 * Conformance of the reader data store: the same expectations on SQLite and on a real PostgreSQL.
 * Every feature's queries rely on these: migrations at start (in any landing order), records by id
 * kept once, queues claimed row by row by concurrent workers, one store per process.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql, type Generated, type Kysely, type Migration } from "kysely";
import { claimRows, closeStore, getStore, insertOnce, openStore, type Store } from "../../lib/store";
import { migrationsOf } from "../../lib/store/migrations";
import { dataDirProblem, storeTarget } from "../../lib/store/config";
import { postgresAvailable, postgresEngine, sqliteEngine, type Engine } from "./engines";

// The suite's own table (never created outside these tests).
interface ConformanceItems {
  id: string;
  status: Generated<string>;
  lease_until: string | null;
  claimed_by: string | null;
  amount_minor: Generated<number>;
  created_at: string;
}
declare module "../../lib/store/schema" {
  interface Database {
    store_conformance: ConformanceItems;
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const createItems: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable("store_conformance")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("status", "text", (c) => c.notNull().defaultTo("pending"))
      .addColumn("lease_until", "text")
      .addColumn("claimed_by", "text")
      .addColumn("amount_minor", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();
  },
};
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const addIndex: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.createIndex("store_conformance_status").on("store_conformance").columns(["status", "created_at"]).execute();
  },
};
const MIGRATIONS: Record<string, Migration> = { "2026-12-06-0700-store-conformance-items": createItems, "2026-12-06-0701-store-conformance-index": addIndex };

const hasPostgres = postgresAvailable();

function conformance(engineName: Engine["name"], makeEngine: () => Promise<Engine>) {
  describe(`reader data store on ${engineName}`, () => {
    let engine: Engine;
    let store: Store;
    const opened: Store[] = [];
    const open = async (target: { env: Record<string, string>; cwd: string }, migrations = MIGRATIONS) => {
      const s = await openStore({ ...target, migrations: migrationsOf(migrations) });
      opened.push(s);
      return s;
    };

    beforeAll(async () => {
      engine = await makeEngine();
      store = await open(await engine.fresh());
    }, 120_000);
    afterAll(async () => {
      for (const s of opened) await s.close();
      await engine?.stop();
    }, 60_000);

    it("applies migrations in name order at the first open and nothing at the next", async () => {
      const target = await engine.fresh();
      const first = await open(target);
      expect(first.applied).toEqual(["2026-12-06-0700-store-conformance-items", "2026-12-06-0701-store-conformance-index"]);
      expect(first.dialect).toBe(engineName === "SQLite" ? "sqlite" : "postgres");
      const second = await open(target);
      expect(second.applied).toEqual([]);
    });

    it("applies every migration of lib/store/migrations/ (the project's own), then nothing more", async () => {
      const target = await engine.fresh();
      const first = await openStore(target);
      opened.push(first);
      const files = fs.readdirSync(path.join(import.meta.dirname, "../../lib/store/migrations")).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
      expect(first.applied.sort()).toEqual(files.map((f) => f.replace(/\.ts$/, "")).sort());
      const again = await openStore(target);
      opened.push(again);
      expect(again.applied).toEqual([]);
    });

    it("runs a migration that landed later with an earlier name (features land in any order)", async () => {
      const target = await engine.fresh();
      await open(target, { "2026-12-06-0700-store-conformance-items": createItems });
      const later = { "2026-12-06-0659-store-conformance-earlier": { up: async (db: Kysely<any>) => void (await db.schema.createTable("store_conformance_earlier").addColumn("id", "text", (c) => c.primaryKey()).execute()) }, ...MIGRATIONS }; // eslint-disable-line @typescript-eslint/no-explicit-any
      const reopened = await open(target, later);
      expect(reopened.applied.sort()).toEqual(["2026-12-06-0659-store-conformance-earlier", "2026-12-06-0701-store-conformance-index"]);
    });

    it("refuses a badly named migration file, naming it", async () => {
      await expect(openStore({ ...(await engine.fresh()), migrations: migrationsOf({ "revenue tables": createItems }) })).rejects.toThrow(/revenue tables.*YYYY-MM-DD-HHMM-feature-what/);
    });

    it("stops at a failing migration, naming it, and starts once it is fixed", async () => {
      const target = await engine.fresh();
      const failing = { ...MIGRATIONS, "2026-12-06-0702-store-conformance-broken": { up: async (db: Kysely<any>) => void (await sql`select * from no_such_table`.execute(db)) } }; // eslint-disable-line @typescript-eslint/no-explicit-any
      await expect(openStore({ ...target, migrations: migrationsOf(failing) })).rejects.toThrow(/2026-12-06-0702-store-conformance-broken/);
      await open(target);
      expect(await store.db.selectFrom("store_conformance").select("id").limit(1).execute()).toBeDefined();
      const fixed = await open(target);
      expect(await fixed.db.selectFrom("store_conformance").select("id").execute()).toEqual([]);
    });

    it("keeps text times, integer amounts and counts as JavaScript values on both engines", async () => {
      const at = new Date("2026-12-06T07:00:00.000Z").toISOString();
      await store.db.insertInto("store_conformance").values({ id: "types-1", amount_minor: 1234, created_at: at }).execute();
      const row = await store.db.selectFrom("store_conformance").selectAll().where("id", "=", "types-1").executeTakeFirstOrThrow();
      expect(row).toMatchObject({ id: "types-1", status: "pending", lease_until: null, amount_minor: 1234, created_at: at });
      const { n } = await store.db.selectFrom("store_conformance").select((eb) => eb.fn.countAll<number>().as("n")).where("id", "like", "types-%").executeTakeFirstOrThrow();
      expect(n).toBe(1);
      const { total } = await store.db.selectFrom("store_conformance").select((eb) => eb.fn.sum<number>("amount_minor").as("total")).where("id", "like", "types-%").executeTakeFirstOrThrow();
      expect(Number(total)).toBe(1234);
    });

    it("records by id once: the first insert is new, a repeat changes nothing", async () => {
      const now = new Date().toISOString();
      expect(await insertOnce(store.db, "store_conformance", "id", { id: "evt_1", amount_minor: 500, created_at: now })).toBe(true);
      expect(await insertOnce(store.db, "store_conformance", "id", { id: "evt_1", amount_minor: 999, created_at: now })).toBe(false);
      const rows = await store.db.selectFrom("store_conformance").selectAll().where("id", "=", "evt_1").execute();
      expect(rows.map((r) => r.amount_minor)).toEqual([500]);
    });

    it("records by id once when 20 deliveries race, from two connections", async () => {
      const target = await engine.fresh();
      const [a, b] = [await open(target), await open(target)];
      const now = new Date().toISOString();
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => insertOnce((i % 2 ? a : b).db, "store_conformance", "id", { id: "evt_race", amount_minor: i, created_at: now })),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await a.db.selectFrom("store_conformance").select("id").where("id", "=", "evt_race").execute()).toHaveLength(1);
    });

    it("forgets a record whose transaction failed, so a retry is new again", async () => {
      const now = new Date().toISOString();
      await expect(
        store.db.transaction().execute(async (trx) => {
          expect(await insertOnce(trx, "store_conformance", "id", { id: "evt_failed", amount_minor: 1, created_at: now })).toBe(true);
          throw new Error("the effect failed");
        }),
      ).rejects.toThrow("the effect failed");
      expect(await insertOnce(store.db, "store_conformance", "id", { id: "evt_failed", amount_minor: 1, created_at: now })).toBe(true);
    });

    it("claims every queued row exactly once across four concurrent workers on two connections", async () => {
      const target = await engine.fresh();
      const a = await open(target);
      const b = await open(target);
      const created = new Date(Date.UTC(2026, 11, 6)).getTime();
      await a.db
        .insertInto("store_conformance")
        .values(Array.from({ length: 300 }, (_, i) => ({ id: `msg_${String(i).padStart(4, "0")}`, created_at: new Date(created + i * 1000).toISOString() })))
        .execute();
      const claimedBy = new Map<string, string[]>();
      const worker = async (s: Store, name: string) => {
        for (;;) {
          const until = new Date(Date.now() + 60_000).toISOString();
          const rows = await claimRows(s.db, s.dialect, {
            table: "store_conformance",
            id: "id",
            orderBy: "created_at",
            limit: 7,
            where: (eb) => eb.and([eb("status", "=", "pending"), eb.or([eb("lease_until", "is", null), eb("lease_until", "<", new Date().toISOString())])]),
            set: { lease_until: until, claimed_by: name },
          });
          if (!rows.length) return;
          for (const row of rows) claimedBy.set(row.id, [...(claimedBy.get(row.id) ?? []), name]);
          expect(rows.every((r) => r.claimed_by === name && r.lease_until === until)).toBe(true);
          await s.db.updateTable("store_conformance").set({ status: "sent" }).where("id", "in", rows.map((r) => r.id)).execute();
        }
      };
      await Promise.all([worker(a, "w1"), worker(b, "w2"), worker(a, "w3"), worker(b, "w4")]);
      expect(claimedBy.size).toBe(300);
      expect([...claimedBy.values()].filter((names) => names.length !== 1)).toEqual([]);
      // The work was shared, not done by one worker while the others waited.
      expect(new Set([...claimedBy.values()].flat()).size).toBeGreaterThan(1);
      const { n } = await a.db.selectFrom("store_conformance").select((eb) => eb.fn.countAll<number>().as("n")).where("status", "=", "sent").executeTakeFirstOrThrow();
      expect(n).toBe(300);
    });

    it("claims the oldest first, up to the limit, and gives back rows whose lease ran out (a killed worker)", async () => {
      const target = await engine.fresh();
      const s = await open(target);
      const past = new Date(Date.now() - 60_000).toISOString();
      const future = new Date(Date.now() + 60_000).toISOString();
      await s.db
        .insertInto("store_conformance")
        .values([
          { id: "c", created_at: "2026-12-06T03:00:00.000Z" },
          { id: "a", created_at: "2026-12-06T01:00:00.000Z", lease_until: past, claimed_by: "killed" },
          { id: "b", created_at: "2026-12-06T02:00:00.000Z", lease_until: future, claimed_by: "alive" },
          { id: "d", created_at: "2026-12-06T04:00:00.000Z" },
        ])
        .execute();
      const claim = () =>
        claimRows(s.db, s.dialect, {
          table: "store_conformance",
          id: "id",
          orderBy: "created_at",
          limit: 2,
          where: (eb) => eb.and([eb("status", "=", "pending"), eb.or([eb("lease_until", "is", null), eb("lease_until", "<", new Date().toISOString())])]),
          set: { lease_until: future, claimed_by: "me" },
        });
      expect((await claim()).map((r) => r.id).sort()).toEqual(["a", "c"]);
      expect((await claim()).map((r) => r.id)).toEqual(["d"]);
      expect(await claim()).toEqual([]);
    });

  });
}

conformance("SQLite", async () => sqliteEngine());
describe.skipIf(!hasPostgres)("PostgreSQL (Debian postgresql on 127.0.0.1)", () => {
  conformance("PostgreSQL", postgresEngine);
});

describe("where the SQLite file may live", () => {
  it("refuses a DATA_DIR inside the content folder, a build folder or public/", () => {
    const cwd = "/srv/masthead";
    expect(dataDirProblem("./content/data", { CONTENT_DIR: "./content" }, cwd)).toMatch(/content folder/);
    expect(dataDirProblem("/srv/news", { CONTENT_DIR: "/srv/news/content" }, cwd)).toMatch(/content folder/);
    expect(dataDirProblem("./.next/data", {}, cwd)).toMatch(/\.next/);
    expect(dataDirProblem("./.next-ar/data", {}, cwd)).toMatch(/build folder/);
    expect(dataDirProblem("./public/data", {}, cwd)).toMatch(/public/);
    expect(dataDirProblem("./data", {}, cwd)).toBeNull();
    expect(dataDirProblem("/var/lib/masthead", { CONTENT_DIR: "/srv/content" }, cwd)).toBeNull();
    expect(() => storeTarget({ DATA_DIR: "./content/x" }, cwd)).toThrow(/content folder/);
    expect(() => storeTarget({ DATABASE_URL: "mysql://x" }, cwd)).toThrow(/PostgreSQL URL/);
    expect(storeTarget({}, cwd)).toEqual({ dialect: "sqlite", dataDir: "/srv/masthead/data", file: "/srv/masthead/data/masthead.sqlite" });
  });

  it("creates DATA_DIR on first open, in WAL mode", async () => {
    const engine = sqliteEngine();
    const target = await engine.fresh();
    const s = await openStore({ ...target, migrations: migrationsOf(MIGRATIONS) });
    const { rows } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(s.db);
    expect(rows[0].journal_mode).toBe("wal");
    expect(fs.existsSync(path.join(target.env.DATA_DIR, "masthead.sqlite"))).toBe(true);
    await s.close();
    await engine.stop();
  });
});

describe("one store per process", () => {
  it("gives every caller the same store, and retries an open that failed", async () => {
    const engine = sqliteEngine();
    const target = await engine.fresh();
    const saved = { DATA_DIR: process.env.DATA_DIR, CONTENT_DIR: process.env.CONTENT_DIR, DATABASE_URL: process.env.DATABASE_URL };
    try {
      delete process.env.DATABASE_URL;
      process.env.CONTENT_DIR = target.env.CONTENT_DIR;
      process.env.DATA_DIR = path.join(target.env.CONTENT_DIR, "inside");
      await expect(getStore()).rejects.toThrow(/content folder/);
      process.env.DATA_DIR = target.env.DATA_DIR;
      const [a, b] = await Promise.all([getStore(), getStore()]);
      expect(a).toBe(b);
      expect(await getStore()).toBe(a);
      expect(a.describe).toContain(target.env.DATA_DIR);
    } finally {
      await closeStore();
      for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
      else process.env[k] = v;
      await engine.stop();
    }
  });
});
