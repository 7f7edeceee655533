"use client";

import type { LiveMessages, LiveStatusView } from "@/lib/live/types";
import { formatRich, relativeTime } from "@/lib/i18n/client-format";
import { useLiveStatus, useNow } from "@/lib/live/client-state";

/**
 * The LIVE badge and "Updated 3 minutes ago" while the coverage runs; "This live coverage has
 * ended" once it has — kept current by the page's poller (lib/live/client-state.ts).
 */
export function LiveStatus({ slug, initial, renderedAt, messages: m }: { slug: string; initial: LiveStatusView; renderedAt: string; messages: LiveMessages }) {
  const status = useLiveStatus(slug, initial);
  const now = useNow(renderedAt);
  if (status.ended) {
    return (
      <p className="mt-4 flex flex-col gap-0.5 rounded-md border border-rule bg-panel px-4 py-3 text-sm" data-testid="live-status">
        <strong className="font-bold">{m.ended}</strong>
        {status.endedLabel && <span className="text-muted">{formatRich(m.endedAt, { date: <time dateTime={status.endedAt}>{status.endedLabel}</time> })}</span>}
      </p>
    );
  }
  return (
    <p className="mt-4 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm" data-testid="live-status">
      <span className="inline-flex items-center gap-1.5 rounded-sm bg-live px-2 py-0.5 text-xs font-extrabold uppercase tracking-widest text-live-ink">
        <span aria-hidden="true" className="live-dot inline-block h-2 w-2 rounded-full bg-live-ink" />
        {m.badge}
      </span>
      <span className="text-muted" suppressHydrationWarning>
        {formatRich(m.updated, { time: <time dateTime={status.lastUpdated}>{relativeTime(m.locale, Date.parse(status.lastUpdated) - now)}</time> })}
      </span>
    </p>
  );
}
