import { guardSecret } from "@/lib/access/guard";
import { jsonError, readLimitedText } from "@/lib/request/http";
import { getStore } from "@/lib/store";
import { newsletterLists } from "@/lib/newsletters/config";
import { newslettersOff } from "@/lib/newsletters/http";
import { importConfirmed } from "@/lib/newsletters/subscribers";
import { parseSubscriberImport, subscribersCsv } from "@/lib/newsletters/subscribers-csv";

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

/**
 * GET /api/newsletters/subscribers (Bearer REVALIDATE_SECRET): every subscriber as CSV —
 * email, status, lists (active ones, space-separated), created_at, confirmed_at, bounced_at.
 */
export async function GET(request: Request) {
  const refused = await editor(request);
  if (refused) return refused;
  const csv = await subscribersCsv((await getStore()).db);
  return new Response(csv, {
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
  const parsed = parseSubscriberImport(body.text, new Set(newsletterLists().map((l) => l.id)));
  if (!parsed) return jsonError(400, "The first line must name the columns: email,lists[,consented_at].");
  const { rows, problems } = parsed;
  const imported = await importConfirmed((await getStore()).db, rows, "import");
  return Response.json({ imported, problems }, { status: problems.length && !imported ? 400 : 200, headers: { "Cache-Control": "no-store" } });
}
