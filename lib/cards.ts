/**
 * The card model: exactly what an article card shows, already formatted on the server. Server
 * pages, the JSON API and the client islands all render cards from it, so a card looks the same
 * whether it came in the HTML or through "Load more".
 */
import type { ArticleSummary } from "./content/types";
import { formatDate } from "./format";
import { coverageEnded } from "./live/paging";
import { getI18n } from "./i18n/translate";

export interface CardData {
  slug: string;
  url: string;
  title: string;
  description: string;
  sectionName: string;
  publishedAt: string;
  dateLabel: string;
  image?: { src: string; width: number; height: number };
  /** A live blog whose coverage is running: the card's LIVE label, in the site's language. */
  liveLabel?: string;
}

export function toCard(a: ArticleSummary): CardData {
  return {
    slug: a.slug,
    url: a.url,
    title: a.title,
    description: a.description,
    sectionName: a.section.name,
    publishedAt: a.publishedAt,
    dateLabel: formatDate(a.publishedAt),
    image: a.image ? { src: a.image.src, width: a.image.width, height: a.image.height } : undefined,
    ...(a.live && !coverageEnded(a.live) ? { liveLabel: getI18n().t("live.badge") } : {}),
  };
}
