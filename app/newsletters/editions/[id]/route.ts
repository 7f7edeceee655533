import { CACHE_POLICY } from "@/lib/request/cache-policy.mjs";
import { jsonError } from "@/lib/request/http";
import { getStore } from "@/lib/store";
import { newslettersOff } from "@/lib/newsletters/http";

/**
 * GET /newsletters/editions/<id>: the web version of an edition, exactly as mailed minus the
 * reader's own links. An edition never changes once sent, so it may be cached.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const off = newslettersOff();
  if (off) return off;
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/.test(id)) return jsonError(404, "No such edition.");
  const store = await getStore();
  const edition = await store.db.selectFrom("newsletter_editions").select("html").where("id", "=", id).executeTakeFirst();
  if (!edition) return jsonError(404, "No such edition.");
  return new Response(edition.html, {
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": CACHE_POLICY.edition },
  });
}
