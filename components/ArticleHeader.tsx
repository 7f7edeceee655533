import Link from "next/link";
import type { ArticleSummary } from "@/lib/content/types";
import { formatDateTime } from "@/lib/format";
import { authorPath, tagPath } from "@/lib/paths";
import { getSite } from "@/lib/site";
import { isDistinctKind, kindLabel, meaningfullyUpdated } from "@/lib/kinds";
import { trustText } from "@/lib/trust-strings";
import { KIND_BAND, KindLabel } from "./KindLabel";
import { AuthorAvatar } from "./AuthorBio";

function Byline({ authors }: { authors: ArticleSummary["authors"] }) {
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

/** Opinion is a person's view: the columnist's face and role sit beside the headline, as on a comment page. */
function Columnists({ authors }: { authors: ArticleSummary["authors"] }) {
  return (
    <ul className="mt-5 flex flex-wrap gap-x-6 gap-y-3" data-testid="columnists">
      {authors.map((a) => (
        <li key={a.slug} className="flex items-center gap-3">
          <AuthorAvatar author={a} size={72} eager />
          <span className="min-w-0">
            <Link href={authorPath(a.slug)} rel="author" className="block font-serif text-xl font-bold text-opinion hover:underline">
              {a.name}
            </Link>
            {a.role && <span className="block text-sm text-muted">{a.role}</span>}
          </span>
        </li>
      ))}
    </ul>
  );
}

/**
 * Kind of work and section, the one h1, standfirst, byline, dates, reading time and tags. Opinion,
 * analysis and review sit on a band of their own colour; a sponsored piece says who it is not from.
 */
export function ArticleHeader({ article }: { article: ArticleSummary }) {
  const site = getSite();
  const updated = meaningfullyUpdated(article.publishedAt, article.updatedAt, site.updatedThresholdMinutes);
  const label = kindLabel(article.kind);
  const distinct = isDistinctKind(article.kind);
  const opinion = article.kind === "opinion";
  // "Opinion" in the Opinion section: one kicker, not two.
  const sameAsSection = label !== null && label.toLowerCase() === article.section.name.toLowerCase();
  return (
    <header className="mt-4" data-kind={article.kind}>
      {article.kind === "sponsored" && (
        <p role="note" className="mb-4 flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border border-sponsored bg-sponsored-tint px-4 py-3 text-sm text-ink" data-testid="sponsored-notice">
          <KindLabel kind="sponsored" label={label!} />
          <span>{trustText("kind.sponsoredNotice")}</span>
        </p>
      )}
      <div className={distinct ? `-mx-4 px-4 pb-6 pt-4 sm:mx-0 sm:rounded-b-md sm:px-6 ${KIND_BAND[article.kind]}` : ""}>
        <p className="flex flex-wrap items-center gap-x-2 text-sm font-bold uppercase tracking-wide">
          {label && !sameAsSection && article.kind !== "sponsored" && (
            <>
              <KindLabel kind={article.kind} label={label} className={distinct ? "text-base" : ""} />
              <span aria-hidden="true" className="text-muted">
                ·
              </span>
            </>
          )}
          <Link
            href={`/${article.section.path}`}
            prefetch={false}
            className={`hover:underline ${sameAsSection ? `text-base ${opinion ? "text-opinion" : ""}` : "text-accent"}`}
          >
            {article.section.name}
          </Link>
        </p>
        <h1
          className={`mt-2 font-serif text-3xl leading-tight text-balance sm:text-5xl ${opinion ? "font-normal" : "font-bold"} ${article.kind === "review" ? "italic" : ""}`}
        >
          {article.title}
        </h1>
        <p className="mt-4 font-serif text-xl leading-relaxed text-muted">{article.description}</p>
        {opinion && <Columnists authors={article.authors} />}
      </div>
      <div className="mt-6 flex flex-col gap-1 border-y border-rule py-3 text-sm">
        {!opinion && <Byline authors={article.authors} />}
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
