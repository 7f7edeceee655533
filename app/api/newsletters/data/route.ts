import { jsonError, methodNotAllowed } from "@/lib/request/http";
import { first, readerOfToken, readSameSiteForm } from "@/lib/newsletters/http";
import { exportSubscriber } from "@/lib/newsletters/subscribers";

/** POST /api/newsletters/data (token): everything kept about the reader, as a JSON download. */
export async function POST(request: Request) {
  const form = await readSameSiteForm(request);
  if ("refused" in form) return form.refused;
  const reader = await readerOfToken(first(form.fields, "token"));
  const data = reader ? await exportSubscriber(reader.store.db, reader.id) : null;
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
