import { draftMode } from "next/headers";
import { getContentSource } from "@/lib/content/source";
import { configuredSecret, secretsMatch } from "@/lib/secrets";
import { clientKey, sharedLimiter } from "@/lib/rate-limit";
import { jsonError, methodNotAllowed } from "@/lib/http";

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Enter preview: GET /api/draft?secret=…&slug=…. The redirect target is the article's own canonical
 * path, looked up through the content source — never taken from the request — so this cannot be
 * used to send anyone off-site.
 */
export async function GET(request: Request) {
  const expected = configuredSecret("PREVIEW_SECRET");
  if (!expected) return jsonError(404, "Preview is not enabled.");
  const limiter = sharedLimiter("preview");
  const client = clientKey(request);
  if (!limiter.allowed(client)) {
    return jsonError(429, "Too many failed attempts; try again later.", {}, { "Retry-After": String(limiter.retryAfter(client)) });
  }
  const params = new URL(request.url).searchParams;
  const secrets = params.getAll("secret");
  if (secrets.length !== 1 || !secretsMatch(secrets[0], expected)) {
    limiter.recordFailure(client);
    return jsonError(401, "Invalid preview secret.");
  }
  const slugs = params.getAll("slug");
  if (slugs.length !== 1 || !SLUG.test(slugs[0])) return jsonError(400, "Parameter \"slug\" must be one article slug.");
  const article = await getContentSource().getArticleBySlug(slugs[0], { preview: true });
  if (!article) return jsonError(404, `No article with slug "${slugs[0]}".`);
  (await draftMode()).enable();
  return new Response(null, { status: 307, headers: { Location: article.url, "Cache-Control": "private, no-store" } });
}

export const POST = () => methodNotAllowed("GET");
export const PUT = POST;
export const DELETE = POST;
export const PATCH = POST;
