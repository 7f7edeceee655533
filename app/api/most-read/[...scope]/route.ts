import { getContentSource } from "@/lib/sources/source";
import { jsonError, methodNotAllowed, withContent } from "@/lib/request/http";
import { MOST_READ_LIMIT, mostRead, scopeOf } from "@/lib/audience/most-read";
import { CACHE_POLICY } from "@/lib/request/cache-policy.mjs";

type Context = { params: Promise<{ scope: string[] }> };

/**
 * GET /api/most-read/site, /api/most-read/section/<section path> — the "Most read" list of the last
 * 24 hours (eleven, so a page can leave itself out), which the lists' island shows when it comes
 * into view. The same for every reader: shared caches keep it a few seconds.
 */
export const GET = withContent(async (_request: Request, { params }: Context) => {
  const [kind, ...path] = (await params).scope.map((s) => decodeURIComponent(s));
  let sectionPath: string | undefined;
  if (kind === "section" && path.length > 0) {
    sectionPath = path.join("/");
    if (!(await getContentSource().getSection(sectionPath))) return jsonError(404, `No section "${sectionPath}".`, {}, { "Cache-Control": CACHE_POLICY.notFound });
  } else if (kind !== "site" || path.length > 0) {
    return jsonError(404, "Use /api/most-read/site or /api/most-read/section/<section path>.", {}, { "Cache-Control": CACHE_POLICY.notFound });
  }
  const items = await mostRead(scopeOf(sectionPath), { limit: MOST_READ_LIMIT + 1 });
  return Response.json(
    { items },
    { headers: { "Cache-Control": CACHE_POLICY.mostRead } },
  );
});

export const POST = () => methodNotAllowed("GET");
export const PUT = POST;
export const DELETE = POST;
export const PATCH = POST;
