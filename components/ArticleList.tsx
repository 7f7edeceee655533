import type { CardData } from "@/lib/pages/cards";
import { ArticleCard } from "./ArticleCard";
import { liveCardTime } from "./LiveCardTime";

/**
 * A listing: on its first page the newest story leads (its picture large), the rest follow as
 * compact rows — a small picture at the end when the story has one, never a placeholder.
 */
export function ArticleList({
  articles,
  emptyText,
  highlight,
  headingLevel = 3,
  leadFirst = false,
}: {
  articles: CardData[];
  /** Shown when there are none (in the site's language; nothing when absent). */
  emptyText?: string;
  highlight?: string[];
  /** 2 when the list sits right under the page's h1 (section, author, tag pages). */
  headingLevel?: 2 | 3;
  /** The newest story leads (first page of a section, author or tag). */
  leadFirst?: boolean;
}) {
  if (!articles.length) return emptyText ? <p className="text-muted">{emptyText}</p> : null;
  const [lead, ...rest] = leadFirst ? articles : [undefined, ...articles];
  return (
    <>
      {lead && (
        <div className="mb-2 border-b border-rule pb-8" data-testid="listing-lead">
          <ArticleCard article={lead} liveTime={liveCardTime} headingLevel={headingLevel} variant="lead" highlight={highlight} />
        </div>
      )}
      {rest.length > 0 && <CardRows articles={rest as CardData[]} headingLevel={headingLevel} highlight={highlight} />}
    </>
  );
}

/** Rows in two columns from `md` up, one on a phone (also used by "Load more" for the pages it adds). */
export function CardRows({ articles, headingLevel, highlight, ...rest }: { articles: CardData[]; headingLevel: 2 | 3; highlight?: string[] } & React.HTMLAttributes<HTMLUListElement>) {
  return (
    <ul className="grid gap-x-10 md:grid-cols-2" {...rest}>
      {articles.map((a) => (
        <li key={a.slug} className="border-b border-rule py-5">
          <ArticleCard article={a} highlight={highlight} headingLevel={headingLevel} variant="row" liveTime={liveCardTime} />
        </li>
      ))}
    </ul>
  );
}
