import { isLargeArchive, loadMonthSitemap, loadPagesSitemap } from "@/lib/seo/load";
import { archiveXmlResponse, notFoundResponse, xmlResponse } from "@/lib/request/crawler-http";
import { monthCacheControl, monthOfChild, PAGES_CHILD } from "@/lib/seo/archive-sitemap";
import { cacheTags } from "@/lib/request/cache-tags";
import { getContentSource } from "@/lib/sources/source";
import { withContent } from "@/lib/request/http";

// /sitemaps/pages.xml and /sitemaps/<YYYY-MM>.xml: the children of the /sitemap.xml index of a
// large archive (a small site has none: its sitemap is one urlset). Each reads only its own part.
export const dynamic = "force-dynamic";

export const GET = withContent(async (_request: Request, { params }: { params: Promise<{ file: string }> }) => {
  const file = (await params).file;
  const month = monthOfChild(file);
  if ((file !== `${PAGES_CHILD}.xml` && !month) || !(await isLargeArchive())) return notFoundResponse();
  if (!month) return xmlResponse(await loadPagesSitemap());
  const now = new Date();
  if (!(await getContentSource().archiveMonths()).some((m) => m.month === month)) return notFoundResponse();
  return archiveXmlResponse(await loadMonthSitemap(month, now), [cacheTags.sitemapMonth(month)], monthCacheControl(month, now));
});
