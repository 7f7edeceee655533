import { ParameterError } from "@/lib/api/articles";
import { jsonError, methodNotAllowed, withContent } from "@/lib/request/http";
import { previewEnabled } from "@/lib/access/preview";
import { deltaFor, deltaHeaders, loadLiveState, parseDeltaRequest } from "@/lib/live/delta";
import { CACHE_POLICY } from "@/lib/request/cache-policy.mjs";

type Context = { params: Promise<{ slug: string }> };

/** GET /api/live/<slug>?after=<version>&since=<update id> — what changed on a live blog (docs/decisions/0101). */
export const GET = withContent(async (request: Request, { params }: Context) => {
  let query;
  try {
    query = parseDeltaRequest((await params).slug, new URL(request.url).searchParams);
  } catch (error) {
    if (error instanceof ParameterError) return jsonError(400, error.message, { parameter: error.parameter });
    throw error;
  }
  const preview = await previewEnabled();
  const state = await loadLiveState(query.slug, { preview });
  // Briefly cacheable: a scheduled live blog may appear at that address soon.
  if (!state) return jsonError(404, `No live blog "${query.slug}".`, {}, { "Cache-Control": preview ? CACHE_POLICY.private : CACHE_POLICY.liveNotFound });
  return Response.json(deltaFor(state, query, { preview }), { headers: deltaHeaders(state, { preview }) });
});

export const POST = () => methodNotAllowed("GET");
export const PUT = POST;
export const DELETE = POST;
export const PATCH = POST;
