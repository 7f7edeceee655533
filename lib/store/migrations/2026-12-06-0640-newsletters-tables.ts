/**
 * Newsletters (issue 31): subscribers, their lists, consents, confirmation tokens, editions, the
 * outbox and settings (the links' signing key). Ids are text; times ISO 8601 UTC text.
 */
import type { Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("newsletter_subscribers")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("confirmed_at", "text")
    .addColumn("bounced_at", "text")
    .addColumn("confirmation_sent_at", "text")
    .execute();
  await db.schema
    .createTable("newsletter_subscriptions")
    .addColumn("subscriber_id", "text", (c) => c.notNull().references("newsletter_subscribers.id").onDelete("cascade"))
    .addColumn("list_id", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("newsletter_subscriptions_pk", ["subscriber_id", "list_id"])
    .execute();
  await db.schema.createIndex("newsletter_subscriptions_list").on("newsletter_subscriptions").columns(["list_id", "status"]).execute();
  await db.schema
    .createTable("newsletter_consents")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("subscriber_id", "text", (c) => c.notNull().references("newsletter_subscribers.id").onDelete("cascade"))
    .addColumn("list_id", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("page", "text")
    .execute();
  await db.schema.createIndex("newsletter_consents_subscriber").on("newsletter_consents").columns(["subscriber_id", "id"]).execute();
  await db.schema
    .createTable("newsletter_tokens")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("subscriber_id", "text", (c) => c.notNull().references("newsletter_subscribers.id").onDelete("cascade"))
    .addColumn("lists", "text", (c) => c.notNull())
    .addColumn("page", "text")
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();
  await db.schema
    .createTable("newsletter_editions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("key", "text", (c) => c.notNull().unique())
    .addColumn("list_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("html", "text", (c) => c.notNull())
    .addColumn("mail_html", "text", (c) => c.notNull())
    .addColumn("mail_text", "text", (c) => c.notNull())
    .addColumn("articles", "text", (c) => c.notNull())
    .addColumn("covers_until", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("newsletter_editions_list").on("newsletter_editions").columns(["list_id", "created_at"]).execute();
  await db.schema
    .createTable("newsletter_outbox")
    // "<edition>:<subscriber>" for an edition (a second enqueue is a no-op), "confirm:<uuid>" otherwise.
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("subscriber_id", "text", (c) => c.notNull())
    .addColumn("edition_id", "text")
    .addColumn("data", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("claimed_by", "text")
    .addColumn("claimed_at", "text")
    .addColumn("sent_at", "text")
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("newsletter_outbox_due").on("newsletter_outbox").columns(["status", "next_attempt_at"]).execute();
  await db.schema.createIndex("newsletter_outbox_subscriber").on("newsletter_outbox").columns(["subscriber_id", "status"]).execute();
  await db.schema.createIndex("newsletter_outbox_edition").on("newsletter_outbox").columns(["edition_id", "status"]).execute();
  await db.schema
    .createTable("newsletter_settings")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["newsletter_outbox", "newsletter_editions", "newsletter_tokens", "newsletter_consents", "newsletter_subscriptions", "newsletter_subscribers", "newsletter_settings"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
