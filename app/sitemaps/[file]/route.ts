import { buildChildSitemap, childSitemapNumber } from "@/lib/seo/sitemap";
import { loadSitemapInput } from "@/lib/seo/load";
import { notFoundResponse, xmlResponse } from "@/lib/seo/http";
import { memo } from "@/lib/resolution-cache";
import { withContent } from "@/lib/http";

// /sitemaps/<n>.xml: the children of the /sitemap.xml index once a site has more than 50,000 URLs.
export const dynamic = "force-dynamic";

export const GET = withContent(async (_request: Request, { params }: { params: Promise<{ file: string }> }) => {
  const n = childSitemapNumber((await params).file);
  const xml = n === null ? null : await memo(`sitemap:${n}`, 60_000, async () => buildChildSitemap(await loadSitemapInput(new Date()), n));
  return xml === null ? notFoundResponse() : xmlResponse(xml);
});
