import { DEFAULT_LIMIT, ParameterError, parseSearchQuery, searchPage } from "@/lib/api/articles";
import { jsonError, methodNotAllowed, withContent } from "@/lib/request/http";
import { articleListTags, TAGS_HEADER } from "@/lib/request/cache-tags";
import { CACHE_POLICY } from "@/lib/request/cache-policy.mjs";

/** GET /api/search?q=&cursor=&limit= — visible articles matching every word of q. */
export const GET = withContent(async (request: Request) => {
  let query;
  try {
    query = parseSearchQuery(new URL(request.url).searchParams);
  } catch (error) {
    if (error instanceof ParameterError) return jsonError(400, error.message, { parameter: error.parameter });
    throw error;
  }
  const page = await searchPage(query.q, Number(query.cursor ?? 1), query.limit ?? DEFAULT_LIMIT);
  return Response.json(page, { headers: { "Cache-Control": CACHE_POLICY.api, [TAGS_HEADER]: articleListTags(page.items.map((item) => item.slug)) } });
});

export const POST = () => methodNotAllowed("GET");
export const PUT = POST;
export const DELETE = POST;
export const PATCH = POST;
