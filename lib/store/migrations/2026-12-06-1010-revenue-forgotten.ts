// Reader revenue: supporters the newsroom was asked to forget. Only a SHA-256 of the Stripe reference
// (customer or support id) is kept, so an event Stripe delivers after the deletion (a subscription
// cancelled with its customer, a retry) cannot bring the supporter back; the hash names no one.
import type { Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("revenue_forgotten")
    .addColumn("ref_hash", "text", (c) => c.primaryKey())
    .addColumn("forgotten_at", "text", (c) => c.notNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("revenue_forgotten").execute();
}
