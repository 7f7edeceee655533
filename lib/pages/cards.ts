/**
 * The card model: exactly what an article card shows, already formatted on the server. Server
 * pages, the JSON API and the client islands all render cards from it, so a card looks the same
 * whether it came in the HTML or through "Load more".
 */
import type { ArticleKind, ArticleSummary } from "../sources/types";
import { formatDate } from "../config/format";
import { kindLabel } from "./kinds";
import { coverageEnded } from "../live/paging";
import { getI18n } from "../i18n/translate";
import type { ClientMessage } from "../i18n/client-format";

export interface CardData {
  slug: string;
  url: string;
  title: string;
  description: string;
  sectionName: string;
  publishedAt: string;
  dateLabel: string;
  image?: { src: string; width: number; height: number };
  kind: ArticleKind;
  /** "Opinion", "Sponsored"… in the site's language; absent for news. */
  kindLabel?: string;
  /**
   * The latest correction (ISO 8601), its date as shown, and the whole "Updated <date>" phrase in
   * the site's language (the card puts the date part of it inside a <time>).
   */
  correctedAt?: string;
  correctedLabel?: string;
  correctedText?: string;
  /** A live blog whose coverage is running: the card's LIVE label, in the site's language. */
  liveLabel?: string;
  /**
   * A running live blog's newest update (ISO 8601) and "Updated {time}" parsed for the browser, so
   * the card says "LIVE · Updated 4 minutes ago" and keeps it true on a cached page.
   */
  liveUpdated?: { at: string; message: ClientMessage };
}

/**
 * `lastUpdated`: a running live blog's newest update, when the page read it (the home page does,
 * lib/live/last-updated.ts); lists without it fall back to the blog's own update time.
 */
export function toCard(a: ArticleSummary, lastUpdated?: string): CardData {
  const { t, clientMessage } = getI18n();
  const label = kindLabel(a.kind, t);
  const corrected = a.correctedAt ? formatDate(a.correctedAt) : null;
  return {
    slug: a.slug,
    url: a.url,
    title: a.title,
    description: a.description,
    sectionName: a.section.name,
    publishedAt: a.publishedAt,
    dateLabel: formatDate(a.publishedAt),
    image: a.image ? { src: a.image.src, width: a.image.width, height: a.image.height } : undefined,
    kind: a.kind,
    ...(label ? { kindLabel: label } : {}),
    ...(a.correctedAt && corrected
      ? { correctedAt: a.correctedAt, correctedLabel: corrected, correctedText: t("corrections.updated", { date: corrected }) }
      : {}),
    ...(a.live && !coverageEnded(a.live)
      ? { liveLabel: t("live.badge"), liveUpdated: { at: lastUpdated ?? a.updatedAt, message: clientMessage("live.updated") } }
      : {}),
  };
}
