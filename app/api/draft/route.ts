import { getContentSource } from "@/lib/sources/source";
import { guardSecret } from "@/lib/access/guard";
import { jsonError, methodNotAllowed } from "@/lib/request/http";
import { startPreview } from "@/lib/access/preview";
import { publish } from "@/lib/publishing/publish";
import { isSlug } from "@/lib/sources/rules";
import { CACHE_POLICY } from "@/lib/request/cache-policy.mjs";

/**
 * Enter preview: GET /api/draft?secret=…&slug=<article> or …&page=<standing page>. The redirect
 * target is the article's or page's own canonical path, looked up through the content source —
 * never taken from the request — so this cannot be used to send anyone off-site. Preview lasts an
 * hour (lib/access/preview.ts).
 */
export async function GET(request: Request) {
  const params = new URL(request.url).searchParams;
  const secrets = params.getAll("secret");
  const refused = await guardSecret(request, "PREVIEW_SECRET", secrets.length === 1 ? secrets[0] : null, {
    disabled: "Preview is not enabled.",
    rejected: "Invalid preview secret.",
  });
  if (refused) return refused;
  const slugs = params.getAll("slug");
  const pages = params.getAll("page");
  if (slugs.length + pages.length !== 1) return jsonError(400, "Give one article \"slug\" or one standing \"page\".");
  let location: string;
  if (pages.length) {
    if (!isSlug(pages[0])) return jsonError(400, "Parameter \"page\" must be one page slug.");
    const page = await getContentSource().getPage(pages[0], { preview: true });
    if (!page) return jsonError(404, `No page with slug "${pages[0]}".`);
    location = page.url;
  } else {
    if (!isSlug(slugs[0])) return jsonError(400, "Parameter \"slug\" must be one article slug.");
    let article = await getContentSource().getArticleBySlug(slugs[0], { preview: true });
    if (!article) {
      // A file saved a moment ago (before the folder watcher's turn, or with it switched off):
      // published now, so a new draft previews the moment its file exists.
      const published = await publish({ slug: slugs[0] }, { via: "preview" });
      if (!published.ok && published.status === 422) return jsonError(422, "The article's file is invalid; fix it and open the preview again.", { problems: published.problems });
      article = published.ok ? await getContentSource().getArticleBySlug(slugs[0], { preview: true }) : null;
    }
    if (!article) return jsonError(404, `No article with slug "${slugs[0]}".`);
    location = article.url;
  }
  await startPreview(request);
  return new Response(null, { status: 307, headers: { Location: location, "Cache-Control": CACHE_POLICY.private } });
}

export const POST = () => methodNotAllowed("GET");
export const PUT = POST;
export const DELETE = POST;
export const PATCH = POST;
