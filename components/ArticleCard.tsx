import { StaticImage } from "@/components/StaticImage";
import Link from "@/components/Link";
import type { CardData } from "@/lib/pages/cards";
import { Highlight } from "./Highlight";
import { KindLabel } from "./KindLabel";
import type { ClientMessage } from "@/lib/i18n/client-format";

/**
 * How much room a card gets (docs/decisions/0150):
 * - `lead`: the first story of a page — the picture large above a big headline;
 * - `feature`: a picture above the headline (secondary stories, section blocks, related cards);
 * - `text`: headline, standfirst, kicker and time only (lists);
 * - `row`: a compact list row with a small picture at the end when there is one (search results, the latest list).
 * A story without a picture is always drawn as text: no placeholder box, ever.
 */
export type CardVariant = "lead" | "feature" | "text" | "row";

export function ArticleCard({
  article,
  headingLevel = 3,
  variant = "feature",
  highlight = [],
  showDescription = true,
  liveTime,
}: {
  article: CardData;
  headingLevel?: 2 | 3;
  variant?: CardVariant;
  /** Search terms to mark in the title and description. */
  highlight?: string[];
  showDescription?: boolean;
  /** How a running live blog's card says how fresh it is (components/LiveCardTime.tsx); its date without. */
  liveTime?: (at: string, message: ClientMessage) => React.ReactNode;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const image = variant === "text" ? undefined : article.image;
  const lead = variant === "lead";
  const row = variant === "row";
  const layout = lead
    ? "gap-4"
    : row
      ? "flex-row items-start gap-4"
      : "gap-3";
  const headingSize = lead ? "text-2xl sm:text-3xl lg:text-4xl" : row ? "text-lg" : "text-xl";
  // A row card's picture follows its text in the page as on screen (not moved there by CSS order), so a
  // page painted while its HTML is still arriving never shows the picture first, then moves it.
  const picture = image && (
    <div
      className={`relative overflow-hidden rounded-sm bg-panel ${row ? "aspect-[4/3] w-24 shrink-0 sm:w-32" : "aspect-video"}`}
    >
      <StaticImage
        src={image.src}
        alt=""
        fill
        sizes={lead ? "(min-width: 1024px) 740px, 100vw" : row ? "128px" : "(min-width: 1024px) 360px, (min-width: 640px) 50vw, 100vw"}
        className="object-cover"
        loading={lead ? "eager" : "lazy"}
        fetchPriority={lead ? "high" : undefined}
      />
    </div>
  );
  return (
    <article className={`card group relative flex flex-col ${layout}`} data-card={image ? "image" : "text"}>
      {!row && picture}
      <div className={row ? "min-w-0 flex-1" : ""}>
        <Kicker article={article} />
        <Heading className={`mt-1 font-serif font-bold leading-tight ${row ? "" : "text-balance"} ${headingSize}`}>
          <Link href={article.url} className="after:absolute after:inset-0 group-hover:underline">
            <Highlight text={article.title} terms={highlight} />
          </Link>
        </Heading>
        {showDescription && article.description && (
          <p className={`mt-2 text-muted ${lead ? "text-base sm:text-lg" : "line-clamp-3 text-sm"}`}>
            <Highlight text={article.description} terms={highlight} />
          </p>
        )}
        <p className="mt-2 text-xs text-muted">
          {article.liveLabel && article.liveUpdated && liveTime ? (
            liveTime(article.liveUpdated.at, article.liveUpdated.message)
          ) : (
            <time dateTime={article.publishedAt}>{article.dateLabel}</time>
          )}
          {article.correctedAt && article.correctedText && article.correctedLabel && (
            <>
              {" · "}
              <CorrectedDate at={article.correctedAt} text={article.correctedText} date={article.correctedLabel} />
            </>
          )}
        </p>
      </div>
      {row && picture}
    </article>
  );
}

/** The line above the headline: LIVE, the kind of work, the section. */
function Kicker({ article }: { article: CardData }) {
  const sectionShown = article.kindLabel?.toLowerCase() !== article.sectionName.toLowerCase();
  return (
    <p className="flex flex-wrap items-center gap-x-1.5 text-xs font-bold uppercase tracking-wide text-accent">
      {article.liveLabel && (
        <span className="inline-flex items-center gap-1 rounded-sm bg-live px-1.5 py-0.5 text-live-ink">
          <span aria-hidden="true" className="live-dot inline-block h-1.5 w-1.5 rounded-full bg-live-ink" />
          {article.liveLabel}
        </span>
      )}
      {article.kindLabel && (
        <>
          <KindLabel kind={article.kind} label={article.kindLabel} />
          {sectionShown && (
            <span aria-hidden="true" className="text-muted">
              ·
            </span>
          )}
        </>
      )}
      {sectionShown && <span>{article.sectionName}</span>}
    </p>
  );
}

/** "Updated 3 December 2026" as the catalogue words it, with the date part in a <time>. */
function CorrectedDate({ at, text, date }: { at: string; text: string; date: string }) {
  const i = text.indexOf(date);
  if (i < 0) return <time dateTime={at}>{text}</time>;
  return (
    <>
      {text.slice(0, i)}
      <time dateTime={at}>{date}</time>
      {text.slice(i + date.length)}
    </>
  );
}
