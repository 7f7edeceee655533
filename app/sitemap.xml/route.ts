import { buildSitemap } from "@/lib/seo/sitemap";
import { loadSitemapInput } from "@/lib/seo/load";
import { xmlResponse } from "@/lib/seo/http";
import { memo } from "@/lib/resolution-cache";
import { withContent } from "@/lib/http";

const SITEMAP_MEMO_MS = 60_000;

// A route handler, not app/sitemap.ts: generateSitemaps gives no /sitemap.xml index (TOOLCHAIN.md).
// Rendered on request, kept for a minute in the process (it reads every visible article; the
// revalidation webhook clears it) and cached by the CDN (lib/seo/http.ts).
export const dynamic = "force-dynamic";

export const GET = withContent(async () =>
  xmlResponse(await memo("sitemap:index", SITEMAP_MEMO_MS, async () => buildSitemap(await loadSitemapInput(new Date())))),
);
