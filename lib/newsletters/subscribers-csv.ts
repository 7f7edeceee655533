/**
 * The editors' CSV of subscribers (app/api/newsletters/subscribers): every subscriber out, with the
 * lists they receive; readers who agreed elsewhere in, without a confirmation mail. Rows with a bad
 * address, an unknown list or a bad date are reported, not imported.
 */
import { normaliseEmail, type NewsletterDb } from "./subscribers";

const csvField = (v: string | null) => (v === null ? "" : /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** email, status, lists (active ones, space-separated), created_at, confirmed_at, bounced_at — one line each. */
export async function subscribersCsv(db: NewsletterDb): Promise<string> {
  const rows = await db
    .selectFrom("newsletter_subscribers")
    .leftJoin("newsletter_subscriptions", (j) => j.onRef("newsletter_subscriptions.subscriber_id", "=", "newsletter_subscribers.id").on("newsletter_subscriptions.status", "=", "active"))
    .select(["newsletter_subscribers.email", "newsletter_subscribers.status", "newsletter_subscribers.created_at", "newsletter_subscribers.confirmed_at", "newsletter_subscribers.bounced_at", "newsletter_subscriptions.list_id"])
    .orderBy("newsletter_subscribers.email")
    .execute();
  const bySubscriber = new Map<string, { row: (typeof rows)[number]; lists: string[] }>();
  for (const r of rows) {
    const entry = bySubscriber.get(r.email) ?? { row: r, lists: [] };
    if (r.list_id) entry.lists.push(r.list_id);
    bySubscriber.set(r.email, entry);
  }
  const lines = ["email,status,lists,created_at,confirmed_at,bounced_at"];
  for (const { row, lists } of bySubscriber.values()) {
    lines.push([row.email, row.status, lists.sort().join(" "), row.created_at, row.confirmed_at, row.bounced_at].map(csvField).join(","));
  }
  return lines.join("\n") + "\n";
}

export interface ImportRow {
  email: string;
  lists: string[];
  consentedAt?: string;
}

/**
 * An import's CSV, with a header line `email,lists[,consented_at]` (lists space- or
 * semicolon-separated ids of `known`): the rows to import and the lines refused; null when the
 * header does not name the columns.
 */
export function parseSubscriberImport(text: string, known: ReadonlySet<string>): { rows: ImportRow[]; problems: string[] } | null {
  const [header, ...lines] = text.replace(/\r\n?/g, "\n").split("\n").filter((l) => l.trim() !== "");
  const columns = (header ?? "").split(",").map((c) => c.trim().toLowerCase());
  const iEmail = columns.indexOf("email");
  const iLists = columns.indexOf("lists");
  const iAt = columns.indexOf("consented_at");
  if (iEmail < 0 || iLists < 0) return null;
  const rows: ImportRow[] = [];
  const problems: string[] = [];
  lines.forEach((line, i) => {
    const cells = line.split(",").map((c) => c.trim().replace(/^"|"$/g, ""));
    const email = normaliseEmail(cells[iEmail]);
    const lists = (cells[iLists] ?? "").split(/[\s;]+/).filter(Boolean);
    const at = iAt >= 0 && cells[iAt] ? new Date(cells[iAt]) : null;
    if (!email) problems.push(`line ${i + 2}: not an email address`);
    else if (lists.length === 0 || lists.some((l) => !known.has(l))) problems.push(`line ${i + 2}: lists must be ids from site.yml (${[...known].join(", ")})`);
    else if (at && Number.isNaN(at.getTime())) problems.push(`line ${i + 2}: consented_at is not a date`);
    else rows.push({ email, lists, ...(at ? { consentedAt: at.toISOString() } : {}) });
  });
  return { rows, problems };
}
