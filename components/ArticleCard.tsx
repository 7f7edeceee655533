import Image from "next/image";
import Link from "next/link";
import type { CardData } from "@/lib/cards";
import { Highlight } from "./Highlight";
import { KindLabel } from "./KindLabel";

/** A card for lists and related articles: image (or a placeholder of the same shape), section, title, description, date. */
export function ArticleCard({
  article,
  headingLevel = 3,
  showImage = true,
  lead = false,
  highlight = [],
}: {
  article: CardData;
  headingLevel?: 2 | 3;
  showImage?: boolean;
  lead?: boolean;
  /** Search terms to mark in the title and description. */
  highlight?: string[];
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article className={`group relative flex flex-col ${lead ? "gap-4 md:flex-row md:items-start" : "gap-3"}`}>
      {showImage && (
        <div className={`relative aspect-video overflow-hidden rounded-md bg-panel ${lead ? "md:w-3/5" : ""}`}>
          {article.image ? (
            <Image
              src={article.image.src}
              alt=""
              fill
              sizes={lead ? "(min-width: 768px) 60vw, 100vw" : "(min-width: 1024px) 25vw, (min-width: 640px) 50vw, 100vw"}
              className="object-cover"
              loading={lead ? "eager" : "lazy"}
              fetchPriority={lead ? "high" : undefined}
            />
          ) : (
            <svg aria-hidden="true" viewBox="0 0 160 90" className="h-full w-full text-rule" preserveAspectRatio="xMidYMid slice">
              <path d="M0 62 Q20 52 40 62 T80 62 T120 62 T160 62 V90 H0Z" fill="currentColor" opacity="0.7" />
              <path d="M0 72 Q20 64 40 72 T80 72 T120 72 T160 72 V90 H0Z" fill="currentColor" />
              <circle cx="128" cy="26" r="9" fill="currentColor" opacity="0.8" />
            </svg>
          )}
        </div>
      )}
      <div className={lead ? "md:w-2/5" : ""}>
        <p className="flex flex-wrap items-center gap-x-1.5 text-xs font-bold uppercase tracking-wide text-accent">
          {article.liveLabel && <span className="rounded-sm bg-live px-1.5 py-0.5 text-live-ink">{article.liveLabel}</span>}
          {article.kindLabel && (
            <>
              <KindLabel kind={article.kind} label={article.kindLabel} />
              {article.kindLabel.toLowerCase() !== article.sectionName.toLowerCase() && (
                <span aria-hidden="true" className="text-muted">
                  ·
                </span>
              )}
            </>
          )}
          {article.kindLabel?.toLowerCase() !== article.sectionName.toLowerCase() && <span>{article.sectionName}</span>}
        </p>
        <Heading className={`mt-1 font-serif font-bold leading-snug ${lead ? "text-3xl" : "text-lg"}`}>
          <Link href={article.url} className="after:absolute after:inset-0 group-hover:underline">
            <Highlight text={article.title} terms={highlight} />
          </Link>
        </Heading>
        <p className={`mt-2 text-muted ${lead ? "text-lg" : "line-clamp-3 text-sm"}`}>
          <Highlight text={article.description} terms={highlight} />
        </p>
        <p className="mt-2 text-xs text-muted">
          <time dateTime={article.publishedAt}>{article.dateLabel}</time>
          {article.correctedAt && article.correctedText && article.correctedLabel && (
            <>
              {" · "}
              <CorrectedDate at={article.correctedAt} text={article.correctedText} date={article.correctedLabel} />
            </>
          )}
        </p>
      </div>
    </article>
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
