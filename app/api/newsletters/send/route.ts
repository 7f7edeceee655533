import { guardSecret } from "@/lib/access/guard";
import { jsonError, methodNotAllowed, readLimitedText } from "@/lib/request/http";
import { getContentSource } from "@/lib/sources/source";
import { getSite } from "@/lib/config/site";
import { getStore } from "@/lib/store";
import { newslettersOff } from "@/lib/newsletters/http";
import { createDigest, ensureNewsletters, kickSender } from "@/lib/newsletters/service";

/**
 * POST /api/newsletters/send, `Authorization: Bearer <REVALIDATE_SECRET>`, `{"list": "<id>"}`:
 * composes and sends a digest now, with the stories since its last edition (an editor's "send
 * now"; the schedule in site.yml sends it every day by itself). No new story → 200, nothing sent.
 */
export async function POST(request: Request) {
  const off = newslettersOff();
  if (off) return off;
  const token = /^Bearer (.+)$/.exec(request.headers.get("authorization") ?? "")?.[1] ?? null;
  const refused = await guardSecret(request, "REVALIDATE_SECRET", token, {
    disabled: "Sending needs REVALIDATE_SECRET.",
    rejected: "Missing or wrong bearer token.",
    headers: { "WWW-Authenticate": 'Bearer realm="newsletters"' },
  });
  if (refused) return refused;
  const body = await readLimitedText(request, 1024);
  if ("refused" in body) return body.refused;
  let list: unknown;
  try {
    list = (JSON.parse(body.text) as { list?: unknown }).list;
  } catch {
    return jsonError(400, 'Body must be JSON, e.g. {"list": "morning-briefing"}.');
  }
  if (typeof list !== "string" || !getSite().newsletters.some((l) => l.id === list && l.kind === "digest")) {
    return jsonError(400, `"list" must be the id of a digest in site.yml.`);
  }
  const now = new Date();
  const outcome = await createDigest(await getStore(), getSite(), getContentSource(), list, `digest:${list}:manual:${now.toISOString()}`, now);
  if (outcome.created) {
    await ensureNewsletters();
    kickSender();
  }
  return Response.json(outcome, { headers: { "Cache-Control": "no-store" } });
}

export const GET = () => methodNotAllowed("POST");
