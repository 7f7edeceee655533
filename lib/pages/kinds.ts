/**
 * Kinds of work (the Trust Project's "type of work" labels): which label a reader sees, and which
 * kinds are set apart from news. Pure, so cards in client islands can use the same rules.
 */
import type { ArticleKind } from "../sources/types";
import type { MessageKey } from "../i18n/translate";

/**
 * The label shown near the headline and on cards, in the site's language (`t` is getI18n().t);
 * news carries none (it is the default).
 */
export function kindLabel(kind: ArticleKind, t: (key: MessageKey) => string): string | null {
  return kind === "news" ? null : t(`kind.${kind}`);
}

/** Opinion, analysis and review speak with a voice of their own: they look different from news. */
export function isDistinctKind(kind: ArticleKind): kind is "opinion" | "analysis" | "review" {
  return kind === "opinion" || kind === "analysis" || kind === "review";
}

/**
 * "Updated" is worth showing only when the update came meaningfully later than publication: a typo
 * fixed five minutes after going live is not news to the reader.
 */
export function meaningfullyUpdated(publishedAt: string, updatedAt: string, thresholdMinutes: number): boolean {
  const later = Date.parse(updatedAt) - Date.parse(publishedAt);
  return thresholdMinutes > 0 ? later >= thresholdMinutes * 60_000 : later > 0;
}
