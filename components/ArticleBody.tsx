import type { ArticleSummary } from "@/lib/sources/types";
import { splitAfterParagraph } from "@/lib/html/split";
import { CheckAlso } from "./CheckAlso";
import { EmbedLoader } from "./EmbedLoader.client";

const PROSE =
  "prose prose-lg max-w-none font-serif prose-headings:font-sans prose-headings:scroll-mt-6 prose-a:underline-offset-2 prose-img:rounded-md";

/**
 * The sanitised body (lib/html made it safe; nothing else is injected here) with the inline
 * "Check also" link after the second paragraph, or after the first in very short bodies. A body
 * with embed facades gets the one click-to-load island (components/EmbedLoader.client.tsx).
 */
export function ArticleBody({ html, checkAlso }: { html: string; checkAlso?: ArticleSummary }) {
  const parts = checkAlso ? (splitAfterParagraph(html, 2) ?? splitAfterParagraph(html, 1)) : null;
  const embeds = html.includes("data-embed-src=") ? <EmbedLoader /> : null;
  if (!parts || !checkAlso) {
    return (
      <>
        <div className={PROSE} dangerouslySetInnerHTML={{ __html: html }} />
        {embeds}
      </>
    );
  }
  return (
    <div className={PROSE}>
      <div dangerouslySetInnerHTML={{ __html: parts[0] }} />
      <CheckAlso article={checkAlso} />
      <div dangerouslySetInnerHTML={{ __html: parts[1] }} />
      {embeds}
    </div>
  );
}
