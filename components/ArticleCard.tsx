import Image from "next/image";
import Link from "next/link";
import type { ArticleSummary } from "@/lib/content/types";
import { formatDate } from "@/lib/format";

/** A card for lists and related articles: image (or a placeholder of the same shape), section, title, description, date. */
export function ArticleCard({
  article,
  headingLevel = 3,
  showImage = true,
  lead = false,
}: {
  article: ArticleSummary;
  headingLevel?: 2 | 3;
  showImage?: boolean;
  lead?: boolean;
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
            <div aria-hidden="true" className="flex h-full items-center justify-center font-serif text-3xl font-bold text-muted opacity-40">
              {article.section.name}
            </div>
          )}
        </div>
      )}
      <div className={lead ? "md:w-2/5" : ""}>
        <p className="text-xs font-bold uppercase tracking-wide text-accent">{article.section.name}</p>
        <Heading className={`mt-1 font-serif font-bold leading-snug ${lead ? "text-3xl" : "text-lg"}`}>
          <Link href={article.url} className="after:absolute after:inset-0 group-hover:underline">
            {article.title}
          </Link>
        </Heading>
        <p className={`mt-2 text-muted ${lead ? "text-lg" : "line-clamp-3 text-sm"}`}>{article.description}</p>
        <p className="mt-2 text-xs text-muted">
          <time dateTime={article.publishedAt}>{formatDate(article.publishedAt)}</time>
        </p>
      </div>
    </article>
  );
}
