import { guardSecret } from "@/lib/access/guard";
import { jsonError, methodNotAllowed, readLimitedText } from "@/lib/request/http";
import { splitCommit, webhookSchema } from "@/lib/publishing/change";
import { publish } from "@/lib/publishing/publish";

const MAX_BODY_BYTES = 4096;

/**
 * The publishing webhook: POST /api/revalidate, `Authorization: Bearer <REVALIDATE_SECRET>`, a JSON
 * body naming what changed (lib/publishing/change.ts) and, optionally, the commit of the content
 * repository holding it (`"commit": "<40 hex>"`, content on several machines). Publishes it (lib/publishing/publish.ts) and
 * answers with the plan, or 422 with every problem of invalid content (the last good version stays).
 * `X-Masthead-Via: command` marks `npm run publish` in the publish trail.
 */
export async function POST(request: Request) {
  const token = /^Bearer (.+)$/.exec(request.headers.get("authorization") ?? "")?.[1] ?? null;
  const refused = await guardSecret(request, "REVALIDATE_SECRET", token, {
    disabled: "Revalidation is not enabled.",
    rejected: "Missing or wrong bearer token.",
    headers: { "WWW-Authenticate": 'Bearer realm="revalidate"' },
  });
  if (refused) return refused;

  // Read at most 4 KB, whatever the client announces or streams.
  const received = await readLimitedText(request, MAX_BODY_BYTES);
  if ("refused" in received) return received.refused;
  let json: unknown;
  try {
    json = JSON.parse(received.text);
  } catch {
    return jsonError(400, "Body must be JSON, e.g. {\"slug\": \"harbour-bridge-reopens\"}.");
  }
  const parsed = webhookSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return jsonError(400, `${issue.path.length ? `"${issue.path.join(".")}" ` : ""}${issue.message}`);
  }

  const via = request.headers.get("x-masthead-via") === "command" ? "command" : "webhook";
  // `commit`: the content repository's commit holding the change; every instance's clone is brought
  // to it before it reloads (409 when this one cannot be: nothing changed here, nothing sent on).
  const { change, commit } = splitCommit(parsed.data);
  const result = await publish(change, { via, commit });
  if (!result.ok) {
    const headers: Record<string, string> = result.status === 503 ? { "Retry-After": "30" } : {};
    return jsonError(result.status, result.error, result.problems ? { problems: result.problems } : {}, headers);
  }
  return Response.json({ revalidated: true, ...result.plan }, { headers: { "Cache-Control": "no-store", "Server-Timing": result.timing } });
}

export const GET = () => methodNotAllowed("POST");
export const PUT = GET;
export const DELETE = GET;
export const PATCH = GET;
