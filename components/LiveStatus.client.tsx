"use client";

import type { LiveStatusView } from "@/lib/live/types";
import { liveStrings as t } from "@/lib/live/strings";
import { relativeTime } from "@/lib/live/time";
import { useLiveStatus, useNow } from "@/lib/live/client-state";

/**
 * The LIVE badge and "Updated 3 minutes ago" while the coverage runs; "This live coverage has
 * ended" once it has — kept current by the page's poller (lib/live/client-state.ts).
 */
export function LiveStatus({ slug, initial, renderedAt, language }: { slug: string; initial: LiveStatusView; renderedAt: string; language: string }) {
  const status = useLiveStatus(slug, initial);
  const now = useNow(renderedAt);
  if (status.ended) {
    return (
      <p className="mt-4 rounded-md border border-rule bg-panel px-4 py-3 text-sm" data-testid="live-status">
        <strong className="font-bold">{t.ended}</strong>
        {status.endedLabel && (
          <span className="text-muted">
            {" "}
            {t.endedAt} <time dateTime={status.endedAt}>{status.endedLabel}</time>.
          </span>
        )}
      </p>
    );
  }
  return (
    <p className="mt-4 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm" data-testid="live-status">
      <span className="inline-flex items-center gap-1.5 rounded-sm bg-live px-2 py-0.5 text-xs font-extrabold uppercase tracking-widest text-live-ink">
        <span aria-hidden="true" className="live-dot inline-block h-2 w-2 rounded-full bg-live-ink" />
        {t.live}
      </span>
      <span className="text-muted">
        {t.updated}{" "}
        <time dateTime={status.lastUpdated} suppressHydrationWarning>
          {relativeTime(status.lastUpdated, now, language)}
        </time>
      </span>
    </p>
  );
}
