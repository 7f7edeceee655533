/**
 * The aggregates in the reader data store (lib/store), when there is no Redis: the embedded default
 * (SQLite in DATA_DIR, so the counts survive a restart) and several instances sharing PostgreSQL
 * (DATABASE_URL, one ranking for all of them). A flush adds its reads and its histogram buckets in
 * one transaction, with one upsert per table (`count = count + excluded.count`): two instances adding
 * to the same hour lose nothing, and a flush that fails leaves nothing behind, so its retry never
 * counts twice. Hours that left the window are deleted about once an hour.
 */
import { sql } from "kysely";
import { getStore, type Store } from "@/lib/store";
import { WINDOW_HOURS } from "./protocol.mjs";
import type { AudienceStore, ReadRow, VitalRow } from "./aggregate.mjs";

interface AudienceReadsTable {
  scope: string;
  hour: number;
  slug: string;
  count: number;
}
interface AudienceVitalsTable {
  hour: number;
  page_type: string;
  metric: string;
  bucket: number;
  count: number;
}
declare module "../store/schema" {
  interface Database {
    audience_reads: AudienceReadsTable;
    audience_vitals: AudienceVitalsTable;
  }
}

/** Rows per INSERT: well under SQLite's and PostgreSQL's limits on bound parameters. */
const CHUNK = 400;

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

// Every instance writes its rows in the same order, so two PostgreSQL transactions upserting the
// same rows wait for each other instead of deadlocking.
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byReadKey = (a: ReadRow, b: ReadRow) => a.hour - b.hour || compare(a.scope, b.scope) || compare(a.slug, b.slug);
const byVitalKey = (a: VitalRow, b: VitalRow) => a.hour - b.hour || compare(a.pageType, b.pageType) || compare(a.metric, b.metric) || a.bucket - b.bucket;

export function audienceStore({ db }: Pick<Store, "db">): AudienceStore {
  let prunedHour = 0;
  return {
    async add(reads: ReadRow[], vitals: VitalRow[]) {
      if (reads.length === 0 && vitals.length === 0) return;
      await db.transaction().execute(async (trx) => {
        for (const part of chunks([...reads].sort(byReadKey))) {
          await trx
            .insertInto("audience_reads")
            .values(part.map(({ scope, hour, slug, count }) => ({ scope, hour, slug, count })))
            .onConflict((oc) => oc.columns(["scope", "hour", "slug"]).doUpdateSet({ count: sql<number>`audience_reads.count + excluded.count` }))
            .execute();
        }
        for (const part of chunks([...vitals].sort(byVitalKey))) {
          await trx
            .insertInto("audience_vitals")
            .values(part.map(({ hour, pageType, metric, bucket, count }) => ({ hour, page_type: pageType, metric, bucket, count })))
            .onConflict((oc) => oc.columns(["hour", "page_type", "metric", "bucket"]).doUpdateSet({ count: sql<number>`audience_vitals.count + excluded.count` }))
            .execute();
        }
        const hour = Math.max(...reads.map((r) => r.hour), ...vitals.map((r) => r.hour));
        if (hour > prunedHour) {
          await trx.deleteFrom("audience_reads").where("hour", "<=", hour - WINDOW_HOURS).execute();
          await trx.deleteFrom("audience_vitals").where("hour", "<=", hour - WINDOW_HOURS).execute();
        }
      });
      prunedHour = Math.max(prunedHour, ...reads.map((r) => r.hour), ...vitals.map((r) => r.hour));
    },
    async topReads(scope: string, fromHour: number, limit: number) {
      const rows = await db
        .selectFrom("audience_reads")
        .select(["slug", (eb) => eb.fn.sum<number>("count").as("reads")])
        .where("scope", "=", scope)
        .where("hour", ">=", fromHour)
        .groupBy("slug")
        .orderBy("reads", "desc")
        .orderBy("slug", "asc")
        .limit(limit)
        .execute();
      return rows.map((r) => ({ slug: r.slug, reads: Number(r.reads) }));
    },
    async vitals(fromHour: number) {
      const rows = await db
        .selectFrom("audience_vitals")
        .select(["page_type", "metric", "bucket", (eb) => eb.fn.sum<number>("count").as("count")])
        .where("hour", ">=", fromHour)
        .groupBy(["page_type", "metric", "bucket"])
        .execute();
      return rows.map((r) => ({ hour: fromHour, pageType: r.page_type, metric: r.metric, bucket: Number(r.bucket), count: Number(r.count) }));
    },
  };
}

/**
 * The process's reader data store as the aggregates' backend, opened on first use: a database that
 * cannot be reached at start (PostgreSQL restarting) fails the flush, whose counts are kept for the
 * next one (lib/audience/aggregate.mjs), and getStore() tries again then.
 */
export function processAudienceStore(open: () => Promise<Pick<Store, "db">> = getStore): AudienceStore {
  let backend: { store: Pick<Store, "db">; audience: AudienceStore } | null = null;
  const current = async () => {
    const store = await open();
    if (backend?.store !== store) backend = { store, audience: audienceStore(store) };
    return backend.audience;
  };
  return {
    add: async (reads, vitals) => (await current()).add(reads, vitals),
    topReads: async (scope, fromHour, limit) => (await current()).topReads(scope, fromHour, limit),
    vitals: async (fromHour) => (await current()).vitals(fromHour),
  };
}
