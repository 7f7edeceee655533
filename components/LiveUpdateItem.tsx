import type { LiveUpdateView } from "@/lib/live/types";
import { liveStrings as t } from "@/lib/live/strings";
import { relativeTime } from "@/lib/live/time";
import { updateAnchor } from "@/lib/live/paging";
import { CopyLinkButton } from "./CopyLinkButton.client";

const PROSE =
  "prose max-w-none font-serif prose-headings:font-sans prose-a:underline-offset-2 prose-img:rounded-md prose-p:my-3 first:prose-p:mt-0 sm:prose-lg";

function Authors({ authors }: { authors: LiveUpdateView["authors"] }) {
  if (!authors.length) return null;
  return (
    <p>
      {t.by}{" "}
      {authors.map((a, i) => (
        <span key={a.href}>
          {i > 0 && (i === authors.length - 1 ? ` ${t.and} ` : ", ")}
          <a href={a.href} rel="author" className="font-semibold text-ink hover:underline">
            {a.name}
          </a>
        </span>
      ))}
    </p>
  );
}

/**
 * One update: its time (a permalink to `#update-<id>` on the page that holds it), how long ago,
 * labels, optional headline, body, authors and a copy-link control. The same markup in the server
 * HTML and when the island adds it; no state of its own.
 */
export function LiveUpdateItem({
  update,
  now,
  language,
  headingLevel = 3,
  arrived = false,
}: {
  update: LiveUpdateView;
  now: number;
  language: string;
  headingLevel?: 2 | 3;
  /** Just added by the island: settles in and is marked for a moment. */
  arrived?: boolean;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const titleId = `${updateAnchor(update.id)}-title`;
  return (
    <article
      id={updateAnchor(update.id)}
      tabIndex={-1}
      aria-labelledby={update.title ? titleId : undefined}
      aria-label={update.title ? undefined : `${update.timeLabel}: ${update.headline}`}
      data-testid="live-update"
      data-update-id={update.id}
      className={`scroll-mt-20 border-t border-rule py-6 outline-none focus-visible:outline-offset-4 ${arrived ? "live-arrived" : ""}`}
    >
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
        <a href={update.href} className="font-bold text-live hover:underline" title={update.dateLabel}>
          <time dateTime={update.publishedAt}>{update.timeLabel}</time>
        </a>
        <span className="text-muted" suppressHydrationWarning>
          {relativeTime(update.publishedAt, now, language)}
        </span>
        {update.keyEvent && <span className="rounded-sm bg-panel px-2 py-0.5 text-xs font-bold uppercase tracking-wide text-ink">{t.keyEvent}</span>}
        {update.state === "draft" && <span className="rounded-sm bg-amber-300 px-2 py-0.5 text-xs font-bold text-amber-950">{t.draft}</span>}
        {update.state === "scheduled" && (
          <span className="rounded-sm bg-amber-300 px-2 py-0.5 text-xs font-bold text-amber-950">
            {t.scheduledFor} {update.dateLabel}
          </span>
        )}
      </header>
      {update.title && (
        <Heading id={titleId} className="mt-2 font-serif text-xl font-bold leading-snug text-balance sm:text-2xl">
          {update.title}
        </Heading>
      )}
      <div className={`mt-3 ${PROSE}`} dangerouslySetInnerHTML={{ __html: update.html }} />
      <footer className="mt-4 flex flex-wrap items-center justify-between gap-x-4 gap-y-2 text-sm text-muted">
        <div className="flex flex-wrap gap-x-3">
          <Authors authors={update.authors} />
          {update.editedAt && (
            <p>
              {t.edited} <time dateTime={update.editedAt}>{update.editedLabel}</time>
            </p>
          )}
        </div>
        <CopyLinkButton url={update.permalink} context={t.copyLinkContext(update.timeLabel)} />
      </footer>
    </article>
  );
}
