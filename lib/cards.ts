/**
 * The card model: exactly what an article card shows, already formatted on the server. Server
 * pages, the JSON API and the client islands all render cards from it, so a card looks the same
 * whether it came in the HTML or through "Load more".
 */
import type { ArticleKind, ArticleSummary } from "./content/types";
import { formatDate } from "./format";
import { kindLabel } from "./kinds";

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
  /** "Opinion", "Sponsored"…; absent for news. */
  kindLabel?: string;
  /** The latest correction (ISO 8601) and its date as shown: the card says "Updated". */
  correctedAt?: string;
  correctedLabel?: string;
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
    kind: a.kind,
    ...(kindLabel(a.kind) ? { kindLabel: kindLabel(a.kind)! } : {}),
    ...(a.correctedAt ? { correctedAt: a.correctedAt, correctedLabel: formatDate(a.correctedAt) } : {}),
  };
}
