import { getContentSource } from "@/lib/content/source";
import { isContentValidationError } from "@/lib/content/errors";
import { resetSiteCache } from "@/lib/site";
import { clearResolutionCache } from "@/lib/resolution-cache";
import { guardSecret } from "@/lib/guard";
import { jsonError, methodNotAllowed, readLimitedText } from "@/lib/http";
import { addArticle, addAuthor, addEverything, addPage, addSection, addTag, emptyPlan, planToJson, revalidateBody } from "@/lib/revalidation";
import { applyPlan } from "@/lib/revalidate-now";
import { isInternalRequest } from "@/lib/internal-token";
import { rearmScheduler } from "@/lib/scheduler";
import { fanOut } from "@/lib/cluster/bus";

const MAX_BODY_BYTES = 4096;

/**
 * On-demand revalidation: POST /api/revalidate, `Authorization: Bearer <REVALIDATE_SECRET>`, a JSON
 * body naming what changed. Reloads the content source, then expires exactly the affected tags and
 * pages (lib/revalidation.ts), so the next reader gets fresh content, not a stale copy.
 */
export async function POST(request: Request) {
  const timing = serverTiming();
  // The server's own scheduler (lib/scheduler.ts) comes with the process's internal token; a
  // publication time arriving changes no file, so nothing needs reloading.
  const internal = isInternalRequest(request);
  const scheduled = internal && request.headers.get("x-masthead-reason") === "scheduled";
  if (!internal) {
    const token = /^Bearer (.+)$/.exec(request.headers.get("authorization") ?? "")?.[1] ?? null;
    const refused = await guardSecret(request, "REVALIDATE_SECRET", token, {
      disabled: "Revalidation is not enabled.",
      rejected: "Missing or wrong bearer token.",
      headers: { "WWW-Authenticate": 'Bearer realm="revalidate"' },
    });
    if (refused) return refused;
  }

  // Read at most 4 KB, whatever the client announces or streams.
  const received = await readLimitedText(request, MAX_BODY_BYTES);
  if ("refused" in received) return received.refused;
  let json: unknown;
  try {
    json = JSON.parse(received.text);
  } catch {
    return jsonError(400, "Body must be JSON, e.g. {\"slug\": \"harbour-bridge-reopens\"}.");
  }
  const parsed = revalidateBody.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return jsonError(400, `${issue.path.length ? `"${issue.path.join(".")}" ` : ""}${issue.message}`);
  }
  const body = parsed.data;
  const source = getContentSource();
  const before = body.slug ? await source.getArticleBySlug(body.slug, { preview: true }) : null;
  const pageBefore = body.page ? await source.getPage(body.page, { preview: true }) : null;

  timing.mark("read");
  try {
    resetSiteCache();
    clearResolutionCache();
    if (!scheduled) {
      // Only what the body names is re-read (the markdown index updates those files alone).
      await source.reload(body);
      rearmScheduler();
    }
    timing.mark("reload");
  } catch (error) {
    if (isContentValidationError(error)) {
      // The running site keeps its last good content; the editor learns exactly what to fix.
      return jsonError(422, "The content is invalid; nothing was changed.", { problems: error.problems });
    }
    console.error("Revalidation could not reload the content source:", error instanceof Error ? error.message : error);
    return jsonError(503, "The content source is unavailable; try again shortly.", {}, { "Retry-After": "30" });
  }

  const plan = emptyPlan();
  if (body.all) addEverything(plan);
  if (body.slug) {
    const after = await source.getArticleBySlug(body.slug, { preview: true });
    if (!before && !after) return jsonError(404, `No article with slug "${body.slug}".`);
    if (before) await addArticle(plan, source, before);
    if (after) await addArticle(plan, source, after);
  }
  if (body.page) {
    const pageAfter = await source.getPage(body.page, { preview: true });
    if (!pageBefore && !pageAfter) return jsonError(404, `No page "${body.page}".`);
    if (pageBefore) addPage(plan, pageBefore, pageAfter);
    if (pageAfter) addPage(plan, pageAfter, pageBefore);
  }
  if (body.section) {
    const section = await source.getSection(body.section);
    if (!section) return jsonError(404, `No section "${body.section}".`);
    await addSection(plan, source, section);
  }
  if (body.author) {
    if (!(await source.getAuthor(body.author))) return jsonError(404, `No author "${body.author}".`);
    await addAuthor(plan, source, body.author);
  }
  if (body.tag) {
    if (!(await source.getTag(body.tag))) return jsonError(404, `No tag "${body.tag}".`);
    await addTag(plan, source, body.tag);
  }

  applyPlan(plan);
  timing.mark("plan");
  // Every other instance, the shared cache and the edge (lib/cluster/bus.ts, issue 16).
  await fanOut(body, plan, { scheduled });
  timing.mark("fanout");
  return Response.json({ revalidated: true, ...planToJson(plan) }, { headers: { "Cache-Control": "no-store", "Server-Timing": timing.header() } });
}

/**
 * Where a webhook's time went, for the caller (an authenticated editor tool or a benchmark) in a
 * standard `Server-Timing` header: read (body and the article before), reload (the content
 * source), plan (what changed and Next's expiry), fanout (Redis, the other instances, the edge).
 */
function serverTiming() {
  let last = performance.now();
  const phases: string[] = [];
  return {
    mark(name: string) {
      const now = performance.now();
      phases.push(`${name};dur=${(now - last).toFixed(1)}`);
      last = now;
    },
    header: () => phases.join(", "),
  };
}

export const GET = () => methodNotAllowed("POST");
export const PUT = GET;
export const DELETE = GET;
export const PATCH = GET;
