import type { MetadataRoute } from "next";
import { getSite } from "@/lib/config/site";

// Crawl everything readers can see; /api/ is JSON for client islands and preview switches.
// Its Cache-Control comes from next.config.ts headers() (a metadata route cannot set one).
export default function robots(): MetadataRoute.Robots {
  const { url } = getSite();
  return {
    rules: { userAgent: "*", allow: "/", disallow: "/api/" },
    sitemap: [`${url}/sitemap.xml`, `${url}/news-sitemap.xml`],
  };
}
