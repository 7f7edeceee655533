import type { ArticleSummary } from "@/lib/content/types";
import { splitAfterParagraph } from "@/lib/html/split";
import { CheckAlso } from "./CheckAlso";

const PROSE =
  "prose prose-lg max-w-none font-serif prose-headings:font-sans prose-headings:scroll-mt-6 prose-a:underline-offset-2 prose-img:rounded-md";

/**
 * The sanitised body (lib/html made it safe; nothing else is injected here) with the inline
 * "Check also" link after the second paragraph, or after the first in very short bodies.
 */
export function ArticleBody({ html, checkAlso }: { html: string; checkAlso?: ArticleSummary }) {
  const parts = checkAlso ? (splitAfterParagraph(html, 2) ?? splitAfterParagraph(html, 1)) : null;
  if (!parts || !checkAlso) {
    return <div className={PROSE} dangerouslySetInnerHTML={{ __html: html }} />;
  }
  return (
    <div className={PROSE}>
      <div dangerouslySetInnerHTML={{ __html: parts[0] }} />
      <CheckAlso article={checkAlso} />
      <div dangerouslySetInnerHTML={{ __html: parts[1] }} />
    </div>
  );
}
