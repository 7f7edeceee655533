// Newsletters: confirmation mails are claimed before edition mails (lib/newsletters/outbox.ts
// claimBatch), so a reader who signs up while a briefing goes out to every reader is not kept
// waiting behind it. The claim is a range of this index, as the claim of due rows is of
// newsletter_outbox_due: it costs the same with ten rows waiting or a million.
import type { Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("newsletter_outbox_kind_due").on("newsletter_outbox").columns(["status", "kind", "next_attempt_at"]).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("newsletter_outbox_kind_due").execute();
}
