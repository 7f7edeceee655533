/**
 * Which story goes where on the front page (docs/decisions/0150). Pure, so it is tested without a
 * page: the lead is the newest story with a picture among the newest five (never a paid-for piece;
 * a live blog may lead), then up to three secondary stories, then the latest list; a running live
 * blog also gets the ribbon at the top. No story appears twice.
 */
import type { ArticleSummary } from "../sources/types";
import { coverageEnded } from "../live/paging";

export interface FrontPlan<T> {
  live: T | null;
  lead: T | null;
  secondary: T[];
  latest: T[];
  /** Slugs placed above the section blocks (they skip these). */
  shown: Set<string>;
}

export const SECONDARY = 3;
export const LATEST = 8;

export function planFront<T extends Pick<ArticleSummary, "slug" | "kind" | "image" | "live">>(newestFirst: T[], now = new Date()): FrontPlan<T> {
  const leadable = newestFirst.filter((a) => a.kind !== "sponsored");
  const lead = leadable.slice(0, 5).find((a) => a.image) ?? leadable[0] ?? newestFirst[0] ?? null;
  const rest = newestFirst.filter((a) => a !== lead);
  // Secondary stories: pictures first among the next few, so the column is not all text.
  const pool = rest.slice(0, SECONDARY + 3);
  const secondary = [...pool.filter((a) => a.image), ...pool.filter((a) => !a.image)].slice(0, SECONDARY);
  const latest = rest.filter((a) => !secondary.includes(a)).slice(0, LATEST);
  const live = newestFirst.find((a) => a.live && !coverageEnded(a.live, now)) ?? null;
  const shown = new Set([lead, ...secondary, ...latest].filter((a): a is T => a !== null).map((a) => a.slug));
  return { live, lead, secondary, latest, shown };
}
