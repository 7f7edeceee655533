import { guardSecret } from "@/lib/access/guard";
import { jsonError } from "@/lib/request/http";
import { getStore } from "@/lib/store";
import { stripeConfigured } from "@/lib/revenue/offer";
import { exportSupporter, forgetSupporter, SUPPORTER_REF } from "@/lib/revenue/supporter-data";
import { revalidatePath } from "next/cache";

/** The newsroom only (Bearer REVALIDATE_SECRET); 404 when card payments are off. Returns the reference or a refusal. */
async function editor(request: Request): Promise<{ ref: string } | { refused: Response }> {
  if (!stripeConfigured()) return { refused: jsonError(404, "Card payments are not enabled.") };
  const token = /^Bearer (.+)$/.exec(request.headers.get("authorization") ?? "")?.[1] ?? null;
  const refused = await guardSecret(request, "REVALIDATE_SECRET", token, {
    disabled: "Needs REVALIDATE_SECRET.",
    rejected: "Missing or wrong bearer token.",
    headers: { "WWW-Authenticate": 'Bearer realm="supporters"' },
  });
  if (refused) return { refused };
  const ref = new URL(request.url).searchParams.get("ref") ?? "";
  if (!SUPPORTER_REF.test(ref)) return { refused: jsonError(400, "Give ref: a Stripe customer (cus_…), subscription (sub_…), payment (pi_…) or checkout session (cs_…) id.") };
  return { ref };
}

const noStore = { "Cache-Control": "no-store" };

/**
 * GET /api/support/supporters?ref=cus_…|sub_…|pi_…|cs_… (Bearer REVALIDATE_SECRET): everything the
 * reader data store keeps about that supporter, as JSON (a reader's request for their data: find them
 * in Stripe by their email, then ask here). docs/revenue.md "A reader's data".
 */
export async function GET(request: Request) {
  const asked = await editor(request);
  if ("refused" in asked) return asked.refused;
  const data = await exportSupporter((await getStore()).db, asked.ref);
  return Response.json({ exportedAt: new Date().toISOString(), ref: asked.ref, ...data }, { headers: noStore });
}

/** DELETE /api/support/supporters?ref=…: forgets that supporter here (Stripe keeps its own records: delete the customer there too). */
export async function DELETE(request: Request) {
  const asked = await editor(request);
  if ("refused" in asked) return asked.refused;
  const deleted = await forgetSupporter((await getStore()).db, asked.ref);
  if (deleted > 0) revalidatePath("/support");
  return Response.json({ ref: asked.ref, deleted }, { headers: noStore });
}
