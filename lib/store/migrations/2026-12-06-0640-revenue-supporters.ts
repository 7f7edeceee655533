// Reader revenue (lib/revenue): Stripe's events recorded once by id, and one row per support —
// a subscription (sub_…) or a one-off payment (pi_…). Stripe ids, amounts, interval, status and
// dates only: no card data, no email, no name.
import type { Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("revenue_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("received_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("revenue_supporters")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("interval", "text", (c) => c.notNull())
    .addColumn("amount_minor", "integer", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("customer_id", "text")
    .addColumn("checkout_session_id", "text")
    .addColumn("source_path", "text")
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("last_paid_at", "text")
    .addColumn("ended_at", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("stripe_updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("revenue_supporters_status").on("revenue_supporters").columns(["status", "interval", "last_paid_at"]).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("revenue_supporters").execute();
  await db.schema.dropTable("revenue_events").execute();
}
