// Most read and real-user speed (lib/audience) when there is no Redis: reads per scope (the site, a
// section), hour and article, and histogram buckets of the Core Web Vitals per hour, page type and
// metric. Counts only: no reader, no address, no time finer than the hour.
import type { Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("audience_reads")
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("hour", "integer", (c) => c.notNull())
    .addColumn("slug", "text", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("audience_reads_pk", ["scope", "hour", "slug"])
    .execute();
  await db.schema.createIndex("audience_reads_hour").on("audience_reads").column("hour").execute();
  await db.schema
    .createTable("audience_vitals")
    .addColumn("hour", "integer", (c) => c.notNull())
    .addColumn("page_type", "text", (c) => c.notNull())
    .addColumn("metric", "text", (c) => c.notNull())
    .addColumn("bucket", "integer", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("audience_vitals_pk", ["hour", "page_type", "metric", "bucket"])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("audience_vitals").execute();
  await db.schema.dropTable("audience_reads").execute();
}
