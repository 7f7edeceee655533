import { guardSecret } from "@/lib/guard";
import { jsonError, readLimitedText } from "@/lib/http";
import { getStore } from "@/lib/store";
import { newsletterLists } from "@/lib/newsletters/config";
import { newslettersOff } from "@/lib/newsletters/http";
import { importConfirmed, normaliseEmail } from "@/lib/newsletters/subscribers";

/** An import of this many bytes at most per request (about 100,000 addresses); split larger lists. */
const MAX_IMPORT_BYTES = 8 * 1024 * 1024;

async function editor(request: Request): Promise<Response | null> {
  const off = newslettersOff();
  if (off) return off;
  const token = /^Bearer (.+)$/.exec(request.headers.get("authorization") ?? "")?.[1] ?? null;
  return guardSecret(request, "REVALIDATE_SECRET", token, {
    disabled: "Needs REVALIDATE_SECRET.",
    rejected: "Missing or wrong bearer token.",
    headers: { "WWW-Authenticate": 'Bearer realm="newsletters"' },
  });
}

const csvField = (v: string | null) => (v === null ? "" : /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/**
 * GET /api/newsletters/subscribers (Bearer REVALIDATE_SECRET): every subscriber as CSV —
 * email, status, lists (active ones, space-separated), created_at, confirmed_at, bounced_at.
 */
export async function GET(request: Request) {
  const refused = await editor(request);
  if (refused) return refused;
  const { db } = await getStore();
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
  return new Response(lines.join("\n") + "\n", {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="subscribers.csv"', "Cache-Control": "no-store" },
  });
}

/**
 * POST /api/newsletters/subscribers (Bearer REVALIDATE_SECRET), a CSV body with a header line
 * `email,lists[,consented_at]` (lists space- or semicolon-separated ids): imports readers who
 * already agreed elsewhere, without a confirmation mail. Rows with a bad address or an unknown
 * list are reported, not imported; nothing else changes.
 */
export async function POST(request: Request) {
  const refused = await editor(request);
  if (refused) return refused;
  const body = await readLimitedText(request, MAX_IMPORT_BYTES);
  if ("refused" in body) return body.refused;
  const [header, ...lines] = body.text.replace(/\r\n?/g, "\n").split("\n").filter((l) => l.trim() !== "");
  const columns = (header ?? "").split(",").map((c) => c.trim().toLowerCase());
  const iEmail = columns.indexOf("email");
  const iLists = columns.indexOf("lists");
  const iAt = columns.indexOf("consented_at");
  if (iEmail < 0 || iLists < 0) return jsonError(400, "The first line must name the columns: email,lists[,consented_at].");
  const known = new Set(newsletterLists().map((l) => l.id));
  const rows: { email: string; lists: string[]; consentedAt?: string }[] = [];
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
  const imported = await importConfirmed((await getStore()).db, rows, "import");
  return Response.json({ imported, problems }, { status: problems.length && !imported ? 400 : 200, headers: { "Cache-Control": "no-store" } });
}
