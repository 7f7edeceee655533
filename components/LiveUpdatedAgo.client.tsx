"use client";

import { formatRich, relativeTime, type ClientMessage } from "@/lib/i18n/client-format";
import { useNow } from "@/lib/live/client-state";

/**
 * "Updated 4 minutes ago" on a live blog's card. The server writes it as of the render; in the
 * browser it is recomputed against the reader's clock (the page may come from a cache) and every
 * half minute after.
 */
export function LiveUpdatedAgo({ at, message, renderedAt }: { at: string; message: ClientMessage; renderedAt: string }) {
  const now = useNow(renderedAt);
  return (
    <span suppressHydrationWarning>
      {formatRich(message, { time: <time dateTime={at}>{relativeTime(message.locale, Date.parse(at) - now)}</time> })}
    </span>
  );
}
