/**
 * Pages of a list, the same for every content source: the page size readers may ask for, the
 * summary of an article that lists carry, and the page object.
 */
import type { Article, ArticleSummary, Page } from "./types";

export const DEFAULT_PER_PAGE = 10;
export const MAX_PER_PAGE = 50;

export function toSummary(a: Article): ArticleSummary {
  return {
    slug: a.slug,
    title: a.title,
    description: a.description,
    section: a.section,
    authors: a.authors,
    tags: a.tags,
    publishedAt: a.publishedAt,
    updatedAt: a.updatedAt,
    status: a.status,
    image: a.image,
    readingMinutes: a.readingMinutes,
    url: a.url,
    translations: a.translations,
    kind: a.kind,
    ...(a.live ? { live: a.live } : {}),
    ...(a.correctedAt ? { correctedAt: a.correctedAt } : {}),
  };
}

export function paginate<T>(items: T[], page: number, perPage: number, total = items.length): Page<T> {
  return { items, page, perPage, total, totalPages: Math.max(1, Math.ceil(total / perPage)) };
}

export function normalisePaging(page?: number, perPage?: number): { page: number; perPage: number } {
  const p = Number.isSafeInteger(page) && page! >= 1 ? page! : 1;
  const pp = Number.isSafeInteger(perPage) && perPage! >= 1 ? Math.min(perPage!, MAX_PER_PAGE) : DEFAULT_PER_PAGE;
  return { page: p, perPage: pp };
}
