import type { ClientMessage } from "@/lib/i18n/client-format";
import { LiveUpdatedAgo } from "./LiveUpdatedAgo.client";

/**
 * "Updated 4 minutes ago" for a running live blog's card, kept true in the browser. Passed to
 * ArticleCard as `liveTime` by the pages that list live blogs (home, listings, search), so the island
 * and its formatter stay out of the article page's JavaScript (related cards show the date there).
 */
export function liveCardTime(at: string, message: ClientMessage): React.ReactNode {
  return <LiveUpdatedAgo at={at} message={message} renderedAt={new Date().toISOString()} />;
}
