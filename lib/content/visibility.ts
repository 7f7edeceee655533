import type { ArticleSummary } from "./types";

/**
 * The visibility rule of CONTENT.md: a reader may see an article only when it is published
 * and its publication time has come. Everything else exists for preview (draft mode) only.
 */
export function isVisible(
  article: Pick<ArticleSummary, "status" | "publishedAt">,
  now: Date = new Date(),
): boolean {
  return article.status === "published" && Date.parse(article.publishedAt) <= now.getTime();
}

export function isScheduled(
  article: Pick<ArticleSummary, "status" | "publishedAt">,
  now: Date = new Date(),
): boolean {
  return article.status === "published" && Date.parse(article.publishedAt) > now.getTime();
}
