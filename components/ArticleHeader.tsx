import Link from "next/link";
import type { ArticleSummary } from "@/lib/content/types";
import { getI18n } from "@/lib/i18n/translate";
import { authorPath, tagPath } from "@/lib/paths";

export function Byline({ authors }: { authors: ArticleSummary["authors"] }) {
  const i18n = getI18n();
  // Names are isolated (<bdi>): a Latin name in an Arabic byline keeps its own direction and does
  // not drag the punctuation of the list with it.
  const names = authors.map((a) => (
    <Link key={a.slug} href={authorPath(a.slug)} rel="author" className="text-accent hover:underline">
      <bdi>{a.name}</bdi>
    </Link>
  ));
  return <p className="font-semibold">{i18n.rich("article.byline", { authors: i18n.richList(names) })}</p>;
}

/** Section label, the one h1, standfirst, byline, dates, reading time and tags. */
export function ArticleHeader({ article }: { article: ArticleSummary }) {
  const i18n = getI18n();
  const updated = article.updatedAt !== article.publishedAt;
  return (
    <header className="mt-4">
      <p className="text-sm font-bold uppercase tracking-wide">
        <Link href={`/${article.section.path}`} prefetch={false} className="text-accent hover:underline">
          {article.section.name}
        </Link>
      </p>
      <h1 className="mt-2 font-serif text-3xl font-bold leading-tight text-balance sm:text-5xl">{article.title}</h1>
      <p className="mt-4 font-serif text-xl leading-relaxed text-muted">{article.description}</p>
      <div className="mt-6 flex flex-col gap-1 border-y border-rule py-3 text-sm">
        <Byline authors={article.authors} />
        <p className="text-muted">
          {i18n.rich("article.published", { date: <time dateTime={article.publishedAt}>{i18n.dateTime(article.publishedAt)}</time> })}
          {updated && (
            <>
              {" · "}
              {i18n.rich("article.updated", { date: <time dateTime={article.updatedAt}>{i18n.dateTime(article.updatedAt)}</time> })}
            </>
          )}
          {" · "}
          {i18n.t("article.readingTime", { minutes: article.readingMinutes })}
        </p>
      </div>
      {article.tags.length > 0 && (
        <ul aria-label={i18n.t("article.tags")} className="mt-3 flex flex-wrap gap-2 text-xs">
          {article.tags.map((t) => (
            <li key={t.slug}>
              <Link href={tagPath(t.slug)} rel="tag" className="inline-block rounded-full border border-rule px-3 py-1 hover:bg-panel">
                {t.name}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </header>
  );
}
