import { loadSitemapDocument } from "@/lib/seo/load";
import { xmlResponse } from "@/lib/request/crawler-http";
import { memo } from "@/lib/request/resolution-cache";
import { withContent } from "@/lib/request/http";

const SITEMAP_MEMO_MS = 60_000;

// A route handler, not app/sitemap.ts: generateSitemaps gives no /sitemap.xml index (TOOLCHAIN.md).
// A small site gets one urlset; a large archive an index of bounded children (lib/seo/load.ts).
// Kept for a minute in the process (the revalidation webhook clears it) and cached by the CDN.
export const dynamic = "force-dynamic";

export const GET = withContent(async () => xmlResponse(await memo("sitemap:index", SITEMAP_MEMO_MS, () => loadSitemapDocument(new Date()))));
