import type { LiveMessages, LiveUpdateView } from "@/lib/live/types";
import { formatMessage, formatRich, relativeTime } from "@/lib/i18n/client-format";
import { nodeList } from "@/lib/live/client-state";
import { updateAnchor } from "@/lib/live/paging";
import { CopyLinkButton } from "./CopyLinkButton.client";

const PROSE =
  "prose max-w-none font-serif prose-headings:font-sans prose-a:underline-offset-2 prose-img:rounded-md prose-p:my-3 first:prose-p:mt-0 sm:prose-lg";
const LABEL = "rounded-sm px-2 py-0.5 text-xs font-bold";

/**
 * One update: its time (a permalink to `#update-<id>` on the page that holds it), how long ago,
 * labels, optional headline, body, authors and a copy-link control. The same markup in the server
 * HTML and when the island adds it; no state of its own.
 */
export function LiveUpdateItem({
  update,
  now,
  messages: m,
  headingLevel = 3,
  arrived = false,
}: {
  update: LiveUpdateView;
  now: number;
  messages: LiveMessages;
  headingLevel?: 2 | 3;
  /** Just added by the island: settles in and is marked for a moment. */
  arrived?: boolean;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const titleId = `${updateAnchor(update.id)}-title`;
  const authors = update.authors.map((a) => (
    <a key={a.href} href={a.href} rel="author" className="font-semibold text-ink hover:underline">
      <bdi>{a.name}</bdi>
    </a>
  ));
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
          {relativeTime(m.locale, Date.parse(update.publishedAt) - now)}
        </span>
        {update.keyEvent && <span className={`${LABEL} bg-panel uppercase tracking-wide text-ink`}>{m.keyEvent}</span>}
        {update.state === "draft" && <span className={`${LABEL} bg-amber-300 text-amber-950`}>{m.draft}</span>}
        {update.state === "scheduled" && <span className={`${LABEL} bg-amber-300 text-amber-950`}>{formatMessage(m.scheduledFor, { date: update.dateLabel })}</span>}
      </header>
      {update.title && (
        <Heading id={titleId} className="mt-2 font-serif text-xl font-bold leading-snug text-balance sm:text-2xl">
          {update.title}
        </Heading>
      )}
      <div className={`mt-3 ${PROSE}`} dangerouslySetInnerHTML={{ __html: update.html }} />
      <footer className="mt-4 flex flex-wrap items-center justify-between gap-x-4 gap-y-2 text-sm text-muted">
        <div className="flex flex-wrap gap-x-3">
          {authors.length > 0 && <p>{formatRich(m.byline, { authors: nodeList(m.locale, authors) })}</p>}
          {update.editedAt && <p>{formatRich(m.edited, { date: <time dateTime={update.editedAt}>{update.editedLabel}</time> })}</p>}
        </div>
        <CopyLinkButton url={update.permalink} labels={{ copy: m.copyLink, copied: m.linkCopied, status: m.linkCopied }} />
      </footer>
    </article>
  );
}
