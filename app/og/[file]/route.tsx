import { ImageResponse } from "next/og";
import { getContentSource } from "@/lib/sources/source";
import { getSite } from "@/lib/config/site";
import { OG_IMAGE_SIZE, slugFromOgFile } from "@/lib/seo/og";
import { notFoundResponse } from "@/lib/request/crawler-http";
import { withContent } from "@/lib/request/http";
import { cacheTags, TAGS_HEADER } from "@/lib/request/cache-tags";
import { CACHE_POLICY } from "@/lib/request/cache-policy.mjs";

/**
 * /og/<article slug>.png: the social card for an article without a featured image (headline on
 * a branded card). A route handler because an opengraph-image file cannot live under the
 * [...path] catch-all; lib/seo/metadata.ts and the JSON-LD point at it. Drafts and scheduled
 * articles have no card. Uses next/og's bundled font, so nothing is fetched.
 */
export const dynamic = "force-dynamic";

// The site's light-theme tokens (app/globals.css), repeated because the card is drawn outside CSS.
const PAPER = "#ffffff";
const INK = "#16181d";
const MUTED = "#4d5561";
const ACCENT = "#0b5cad";

export const GET = withContent(async (_request: Request, { params }: { params: Promise<{ file: string }> }) => {
  const slug = slugFromOgFile((await params).file);
  const article = slug ? await getContentSource().getArticleBySlug(slug) : null;
  if (!article) return notFoundResponse();
  const site = getSite();
  const titleSize = article.title.length > 90 ? 52 : article.title.length > 50 ? 64 : 76;
  return new ImageResponse(
    (
      <div style={{ width: "100%", height: "100%", display: "flex", flexDirection: "column", justifyContent: "space-between", padding: 72, background: PAPER, color: INK }}>
        <div style={{ display: "flex", alignItems: "center", fontSize: 30, fontWeight: 700, color: ACCENT, textTransform: "uppercase", letterSpacing: 2 }}>
          {article.section.name}
        </div>
        <div style={{ display: "flex", fontSize: titleSize, fontWeight: 700, lineHeight: 1.15 }}>{article.title}</div>
        <div style={{ display: "flex", alignItems: "center", justifyContent: "space-between", borderTop: `6px solid ${ACCENT}`, paddingTop: 28, fontSize: 34 }}>
          <span style={{ fontWeight: 700 }}>{site.name}</span>
          <span style={{ color: MUTED }}>{article.authors.map((a) => a.name).join(", ")}</span>
        </div>
      </div>
    ),
    {
      ...OG_IMAGE_SIZE,
      // The card changes only when the headline does; a day at the CDN is plenty — and it carries
      // its article's tag, so a change or a pulled story purges it with the article (issue 27, 6).
      headers: {
        "Cache-Control": CACHE_POLICY.ogImage,
        [TAGS_HEADER]: `${cacheTags.site} ${cacheTags.article(article.slug)}`,
      },
    },
  );
});
