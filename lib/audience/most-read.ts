/**
 * "Most read": the ten most-read stories of the last 24 hours, for the site or one section, as the
 * lists show them (headline, kicker, link). The ranking comes from the aggregates (./aggregate.mjs:
 * Redis, the reader data store or this process) and is computed at most once per interval per
 * scope in a process — never per request; requests in between get the last one. A story is left
 * out when it is sponsored, flagged `mostRead: false`, or no longer visible (docs/decisions/0180).
 */
import { getContentSource } from "@/lib/sources/source";
import type { Article } from "@/lib/sources/types";
import { kindLabel } from "@/lib/pages/kinds";
import { getI18n } from "@/lib/i18n/translate";
import { topReads } from "./aggregate.mjs";
import { processSingleton } from "../config/singleton.mjs";

export interface MostReadItem {
  slug: string;
  url: string;
  title: string;
  /** The section's name, or the kind of work ("Opinion") when it is not news. */
  kicker: string;
}

/** How old a ranking may be before it is computed again. The list's freshness is this + the edge's lifetime. */
export const RANKING_INTERVAL_MS = Number(process.env.MOST_READ_INTERVAL_MS) > 0 ? Number(process.env.MOST_READ_INTERVAL_MS) : 15_000;
export const MOST_READ_LIMIT = 10;
/** Candidates read from the aggregates, so that ten remain after the ones never listed. */
const CANDIDATES = 40;

interface Ranking {
  at: number;
  items: MostReadItem[];
  pending?: Promise<MostReadItem[]>;
}

function rankings(): Map<string, Ranking> {
  return processSingleton("audience.rankings", () => new Map<string, Ranking>());
}

/** The scope of a section's list, or of the site's. */
export function scopeOf(sectionPath?: string): string {
  return sectionPath ? `section:${sectionPath}` : "site";
}

/** Whether an article may be listed at all. */
export function listable(article: Pick<Article, "kind" | "status" | "mostRead">): boolean {
  return article.kind !== "sponsored" && article.mostRead !== false && article.status === "published";
}

async function compute(scope: string, previous: MostReadItem[]): Promise<MostReadItem[]> {
  const top = await topReads(scope, CANDIDATES);
  // The aggregates cannot be asked now (Redis down): keep showing the last ranking.
  if (top === null) return previous;
  const source = getContentSource();
  const { t } = getI18n();
  const articles = await Promise.all(top.map(({ slug }) => source.getArticleBySlug(slug).catch(() => null)));
  const items: MostReadItem[] = [];
  for (const article of articles) {
    if (!article || !listable(article)) continue;
    items.push({ slug: article.slug, url: article.url, title: article.title, kicker: kindLabel(article.kind, t) ?? article.section.name });
    if (items.length > MOST_READ_LIMIT) break;
  }
  return items;
}

/**
 * The list of a scope: up to `limit` stories, without `exclude` (the article the list sits under).
 * Never throws: an empty list when nothing can be told.
 */
export async function mostRead(scope: string, { limit = MOST_READ_LIMIT, exclude }: { limit?: number; exclude?: string } = {}): Promise<MostReadItem[]> {
  const all = rankings();
  let ranking = all.get(scope);
  const now = Date.now();
  if (!ranking || now - ranking.at >= RANKING_INTERVAL_MS) {
    const current: Ranking = ranking ?? { at: 0, items: [] };
    if (!current.pending) {
      const previous = current.items;
      current.pending = compute(scope, previous)
        .catch(() => previous)
        .then((items) => {
          all.set(scope, { at: Date.now(), items });
          return items;
        });
      all.set(scope, current);
    }
    // Awaited (one computation for every request that arrives meanwhile): a list is never older than
    // the interval, however long nobody asked for it.
    await current.pending;
    ranking = all.get(scope)!;
  }
  return ranking.items.filter((item) => item.slug !== exclude).slice(0, limit);
}

/** Forgets the rankings (tests). */
export function resetRankings(): void {
  rankings().clear();
}
