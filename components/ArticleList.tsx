import type { CardData } from "@/lib/cards";
import { ArticleCard } from "./ArticleCard";

export function ArticleList({
  articles,
  emptyText,
  highlight,
  headingLevel = 3,
}: {
  articles: CardData[];
  /** Shown when there are none (in the site's language; nothing when absent). */
  emptyText?: string;
  highlight?: string[];
  /** 2 when the list sits right under the page's h1 (section, author, tag pages). */
  headingLevel?: 2 | 3;
}) {
  if (!articles.length) return emptyText ? <p className="text-muted">{emptyText}</p> : null;
  return (
    <ul className="grid gap-x-6 gap-y-10 sm:grid-cols-2 lg:grid-cols-3">
      {articles.map((a) => (
        <li key={a.slug}>
          <ArticleCard article={a} highlight={highlight} headingLevel={headingLevel} />
        </li>
      ))}
    </ul>
  );
}
