import { articlesPage, DEFAULT_LIMIT, ParameterError, parseArticlesQuery, UnknownFilterError } from "@/lib/api/articles";
import { jsonError, methodNotAllowed, withContent } from "@/lib/request/http";
import { articleListTags, TAGS_HEADER } from "@/lib/request/cache-tags";
import { CACHE_POLICY } from "@/lib/request/cache-policy.mjs";

/** GET /api/articles?section=&author=&tag=&cursor=&limit= — visible articles, newest first. */
export const GET = withContent(async (request: Request) => {
  let query;
  try {
    query = parseArticlesQuery(new URL(request.url).searchParams);
  } catch (error) {
    if (error instanceof ParameterError) return jsonError(400, error.message, { parameter: error.parameter });
    throw error;
  }
  try {
    const page = await articlesPage(query, Number(query.cursor ?? 1), query.limit ?? DEFAULT_LIMIT);
    return Response.json(page, { headers: { "Cache-Control": CACHE_POLICY.api, [TAGS_HEADER]: articleListTags(page.items.map((item) => item.slug)) } });
  } catch (error) {
    if (error instanceof UnknownFilterError) return jsonError(404, error.message);
    throw error;
  }
});

export const POST = () => methodNotAllowed("GET");
export const PUT = POST;
export const DELETE = POST;
export const PATCH = POST;
