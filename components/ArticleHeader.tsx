import Link from "next/link";
import type { ArticleSummary } from "@/lib/content/types";
import { formatDateTime } from "@/lib/format";
import { authorPath, tagPath } from "@/lib/paths";

export function Byline({ authors }: { authors: ArticleSummary["authors"] }) {
  return (
    <p className="font-semibold">
      By{" "}
      {authors.map((a, i) => (
        <span key={a.slug}>
          {i > 0 && (i === authors.length - 1 ? " and " : ", ")}
          <Link href={authorPath(a.slug)} rel="author" className="text-accent hover:underline">
            {a.name}
          </Link>
        </span>
      ))}
    </p>
  );
}

/** Section label, the one h1, standfirst, byline, dates, reading time and tags. */
export function ArticleHeader({ article }: { article: ArticleSummary }) {
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
          Published <time dateTime={article.publishedAt}>{formatDateTime(article.publishedAt)}</time>
          {updated && (
            <>
              {" · "}Updated <time dateTime={article.updatedAt}>{formatDateTime(article.updatedAt)}</time>
            </>
          )}
          {" · "}
          {article.readingMinutes} min read
        </p>
      </div>
      {article.tags.length > 0 && (
        <ul aria-label="Tags" className="mt-3 flex flex-wrap gap-2 text-xs">
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
