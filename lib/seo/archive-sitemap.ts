/**
 * The sitemap of a large archive: /sitemap.xml becomes an index of bounded children — one for the
 * site's own pages (home, sections, authors, tags) and one per calendar month of articles — so no
 * request reads the whole archive, and a month that no longer changes can be cached for long.
 * Pure: model objects in, XML and headers out (lib/seo/load.ts reads, the routes answer).
 */
import type { ArchiveMonth } from "../sources/types";
import { absoluteOn, escapeXml } from "./xml";
import type { SitemapEntry } from "./sitemap";
import { CRAWLER_CACHE_CONTROL } from "../request/crawler-http";
import { CACHE_POLICY } from "../request/cache-policy.mjs";

const URLSET_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";

/** The protocol's limit for one file; a month past it is cut there (and the log says so). */
export const MONTH_MAX_URLS = 50_000;

/** Months older than this many months before now change rarely: crawlers and CDNs may keep them long. */
const SETTLED_AFTER_MONTHS = 2;

/** A month that may still change (new or updated stories) is cached like the other crawler files; an older one for a day (a CDN for a week). */
export const SETTLED_MONTH_CACHE_CONTROL = CACHE_POLICY.settledMonth;

export const PAGES_CHILD = "pages";

export function childPath(name: string): string {
  return `/sitemaps/${name}.xml`;
}

/** "2026-11" from "2026-11.xml", or null. */
export function monthOfChild(file: string): string | null {
  const match = /^(\d{4})-(0[1-9]|1[0-2])\.xml$/.exec(file);
  return match ? `${match[1]}-${match[2]}` : null;
}

/** [first instant of the month, first instant of the next) in ISO 8601 (UTC). */
export function monthRange(month: string): { from: string; until: string } {
  const start = new Date(`${month}-01T00:00:00.000Z`);
  const end = new Date(start);
  end.setUTCMonth(end.getUTCMonth() + 1);
  return { from: start.toISOString(), until: end.toISOString() };
}

/** Whether a month is settled (at least two months before now's month). */
export function isSettledMonth(month: string, now: Date): boolean {
  const [y, m] = month.split("-").map(Number);
  const months = (now.getUTCFullYear() - y) * 12 + (now.getUTCMonth() + 1 - m);
  return months >= SETTLED_AFTER_MONTHS;
}

export function monthCacheControl(month: string, now: Date): string {
  return isSettledMonth(month, now) ? SETTLED_MONTH_CACHE_CONTROL : CRAWLER_CACHE_CONTROL;
}

export function renderArchiveIndex(siteUrl: string, pagesLastmod: string | undefined, months: ArchiveMonth[]): string {
  const item = (name: string, lastmod?: string) =>
    `  <sitemap>\n    <loc>${escapeXml(absoluteOn(siteUrl, childPath(name)))}</loc>\n${lastmod ? `    <lastmod>${escapeXml(lastmod)}</lastmod>\n` : ""}  </sitemap>\n`;
  const items = [item(PAGES_CHILD, pagesLastmod), ...months.map((m) => item(m.month, m.lastmod))];
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="${URLSET_NS}">\n${items.join("")}</sitemapindex>\n`;
}

export type { SitemapEntry };
