import Link from "@/components/Link";
import type { ArticleSummary } from "@/lib/sources/types";
import { getI18n } from "@/lib/i18n/translate";
import { authorPath, tagPath } from "@/lib/request/paths";
import { getSite } from "@/lib/config/site";
import { isDistinctKind, kindLabel, meaningfullyUpdated } from "@/lib/pages/kinds";
import { KIND_BAND, KindLabel } from "./KindLabel";
import { AuthorAvatar } from "./AuthorBio";

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

/** Opinion is a person's view: the columnist's face and role sit beside the headline, as on a comment page. */
function Columnists({ authors }: { authors: ArticleSummary["authors"] }) {
  return (
    <ul className="mt-5 flex flex-wrap gap-x-6 gap-y-3" data-testid="columnists">
      {authors.map((a) => (
        <li key={a.slug} className="flex items-center gap-3">
          <AuthorAvatar author={a} size={72} eager />
          <span className="min-w-0">
            <Link href={authorPath(a.slug)} rel="author" className="block font-serif text-xl font-bold text-opinion hover:underline">
              <bdi>{a.name}</bdi>
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
  const i18n = getI18n();
  const updated = meaningfullyUpdated(article.publishedAt, article.updatedAt, site.updatedThresholdMinutes);
  const label = kindLabel(article.kind, i18n.t);
  const distinct = isDistinctKind(article.kind);
  const opinion = article.kind === "opinion";
  // A review's headline is set in italics, as a critic's column is; Arabic and Hebrew have no italics
  // (a slanted Arabic headline reads as a rendering fault), so there the band alone sets it apart.
  const italicHeadline = article.kind === "review" && i18n.dir === "ltr";
  // "Opinion" in the Opinion section: one kicker, not two.
  const sameAsSection = label !== null && label.toLocaleLowerCase(i18n.lang) === article.section.name.toLocaleLowerCase(i18n.lang);
  return (
    <header className="mt-4" data-kind={article.kind}>
      {article.kind === "sponsored" && (
        <p role="note" className="mb-4 flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border border-sponsored bg-sponsored-tint px-4 py-3 text-sm text-ink" data-testid="sponsored-notice">
          <KindLabel kind="sponsored" label={label!} />
          <span>{i18n.t("kind.sponsoredNotice")}</span>
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
            className={`hover:underline ${sameAsSection ? `text-base ${opinion ? "text-opinion" : ""}` : "text-accent"}`}
          >
            {article.section.name}
          </Link>
        </p>
        <h1
          className={`mt-2 font-serif text-3xl leading-tight text-balance sm:text-5xl ${opinion ? "font-normal" : "font-bold"} ${italicHeadline ? "italic" : ""}`}
        >
          {article.title}
        </h1>
        <p className="mt-4 font-serif text-xl leading-relaxed text-muted">{article.description}</p>
        {opinion && <Columnists authors={article.authors} />}
      </div>
      <div className="mt-6 flex flex-col gap-1 border-y border-rule py-3 text-sm" data-testid="article-meta">
        {!opinion && <Byline authors={article.authors} />}
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
