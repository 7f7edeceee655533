import { buildSitemap } from "@/lib/seo/sitemap";
import { loadSitemapInput } from "@/lib/seo/load";
import { xmlResponse } from "@/lib/seo/http";

// A route handler, not app/sitemap.ts: generateSitemaps gives no /sitemap.xml index (TOOLCHAIN.md).
// Rendered per request (scheduled articles appear on time) and cached by the CDN (lib/seo/http.ts).
export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  return xmlResponse(buildSitemap(await loadSitemapInput(new Date())));
}
