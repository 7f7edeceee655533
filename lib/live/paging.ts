/**
 * How a live blog's updates are spread over its pages (docs/decisions/0100). Pure, so the router,
 * the page, the delta endpoint and JSON-LD all agree on which page holds an update.
 *
 * Pages are cut from the oldest update forward, in fixed groups of LIVE_PAGE_SIZE, and numbered in
 * that order from 2 — page 2 always holds the first ten updates of the coverage, page 3 the next
 * ten — so a page, once full, never changes and a link to `…/page/N#update-<id>` keeps landing on
 * its update however many follow. The article URL itself (page 1; `/page/1` redirects there) shows
 * the pinned update and everything newer than the last archived group: between LIVE_PAGE_SIZE and
 * twice that, never a near-empty front page.
 */
import type { LiveUpdate } from "../sources/types";

export const LIVE_PAGE_SIZE = 10;

export interface LivePaging<T extends Pick<LiveUpdate, "id" | "pinned"> = LiveUpdate> {
  /** Shown first on the front page, and only there. */
  pinned: T | null;
  /** The front page's updates (the article URL), newest first, pinned excluded. */
  front: T[];
  /** Archived page numbers, oldest coverage first: [2, 3, …]; empty while everything fits the front page. */
  archivePages: number[];
  /** Updates of an archived page, newest first; null for a page that does not exist. */
  page(n: number): T[] | null;
  /** The page (1 = the front page) that shows an update, or null when it is not visible here. */
  pageOf(id: string): number | null;
}

/** `updates` newest first, as ContentSource.getLiveUpdates returns them. */
export function livePaging<T extends Pick<LiveUpdate, "id" | "pinned">>(updates: T[], pageSize = LIVE_PAGE_SIZE): LivePaging<T> {
  const pinned = updates.find((u) => u.pinned) ?? null;
  const oldestFirst = updates.filter((u) => u !== pinned).reverse();
  const archived = Math.max(0, Math.floor(oldestFirst.length / pageSize) - 1);
  const pages = new Map<number, T[]>();
  const where = new Map<string, number>();
  for (let c = 0; c < archived; c++) {
    const group = oldestFirst.slice(c * pageSize, (c + 1) * pageSize);
    pages.set(c + 2, group.reverse());
    for (const u of group) where.set(u.id, c + 2);
  }
  const front = oldestFirst.slice(archived * pageSize).reverse();
  for (const u of front) where.set(u.id, 1);
  if (pinned) where.set(pinned.id, 1);
  return {
    pinned,
    front,
    archivePages: [...pages.keys()],
    page: (n) => (n === 1 ? front : (pages.get(n) ?? null)),
    pageOf: (id) => where.get(id) ?? null,
  };
}

/** "/news/local/storm-live" page 3 → "/news/local/storm-live/page/3"; page 1 is the article URL. */
export function livePagePath(articleUrl: string, page: number): string {
  return page <= 1 ? articleUrl : `${articleUrl}/page/${page}`;
}

/** The anchor of an update on its page. */
export const updateAnchor = (id: string) => `update-${id}`;

/** Where an update is shown: its page and its anchor. */
export function updatePath(articleUrl: string, page: number, id: string): string {
  return `${livePagePath(articleUrl, page)}#${updateAnchor(id)}`;
}

/** Whether the coverage has ended at `now` (an end time in the future is not an end yet). */
export function coverageEnded(live: { endedAt?: string } | undefined, now: Date = new Date()): boolean {
  return Boolean(live?.endedAt && Date.parse(live.endedAt) <= now.getTime());
}
