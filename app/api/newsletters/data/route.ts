import { crossSiteRefusal, jsonError, methodNotAllowed } from "@/lib/http";
import { getStore } from "@/lib/store";
import { first, newslettersOff, readForm } from "@/lib/newsletters/http";
import { exportSubscriber, signingKey, verifyManageToken } from "@/lib/newsletters/subscribers";

/** POST /api/newsletters/data (token): everything kept about the reader, as a JSON download. */
export async function POST(request: Request) {
  const off = newslettersOff();
  if (off) return off;
  const refused = crossSiteRefusal(request);
  if (refused) return refused;
  const form = await readForm(request);
  if ("refused" in form) return form.refused;
  const store = await getStore();
  const id = verifyManageToken(await signingKey(store.db), first(form.fields, "token"));
  const data = id ? await exportSubscriber(store.db, id) : null;
  if (!data) return jsonError(404, "This link is not valid any more.");
  return new Response(JSON.stringify({ exportedAt: new Date().toISOString(), ...data }, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": 'attachment; filename="newsletters-my-data.json"',
      "Cache-Control": "no-store",
    },
  });
}

export const GET = () => methodNotAllowed("POST");
