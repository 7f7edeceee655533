/**
 * /sitemap.xml: every page a reader can reach — home, sections, visible articles, authors, the
 * tags that have visible articles, standing pages and /corrections — with lastmod. Past `maxPerFile` URLs (50,000 by the protocol)
 * the sitemap becomes an index of /sitemaps/<n>.xml children. Pure: model objects in, XML out.
 */
import type { ArticleSummary, Author, Section, StandingPage } from "../sources/types";
import { isVisible } from "../sources/rules";
import { absoluteOn, escapeXml } from "./xml";
import { alternatesFor, homeAlternates, type Alternate } from "../i18n/editions";
import { authorPath, tagPath } from "../request/paths";

const URLSET_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";

export interface SitemapEntry {
  /** Absolute URL. */
  loc: string;
  /** ISO 8601; absent only when there is nothing to date the page by (an empty section). */
  lastmod?: string;
  /** The page in other editions, x-default included (xhtml:link rel="alternate" hreflang). */
  alternates?: Alternate[];
}

export interface SitemapInput {
  siteUrl: string;
  /** Any order; anything not visible at `now` is dropped here too, whatever the caller passed. */
  articles: ArticleSummary[];
  /** The sections tree (top level, each with children). */
  sections: Section[];
  authors: Author[];
  /** Standing pages; drafts are dropped here too. */
  pages?: Pick<StandingPage, "url" | "updatedAt" | "status">[];
  /** /corrections, dated by its newest correction (absent: not listed). */
  corrections?: { lastmod?: string };
  now: Date;
  /** The site's language and its other editions, for hreflang alternates (none when absent). */
  language?: string;
  editions?: { language: string; url: string }[];
}

function flatten(sections: Section[]): Section[] {
  return sections.flatMap((s) => [s, ...flatten(s.children)]);
}

/** Every URL in a stable order (home, sections, articles newest first, authors, tags). */
export function sitemapEntries({ siteUrl, articles, sections, authors, pages = [], corrections, now, language = "en", editions = [] }: SitemapInput): SitemapEntry[] {
  const visible = articles
    .filter((a) => isVisible(a, now))
    .sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt) || a.slug.localeCompare(b.slug));
  const url = (path: string) => absoluteOn(siteUrl, path);
  const entry = (path: string, lastmod: string | undefined): SitemapEntry => (lastmod ? { loc: url(path), lastmod } : { loc: url(path) });

  // One pass over the articles for every "newest update" (sections count their subsections').
  const latest = new Map<string, string>();
  const bump = (key: string, date: string) => {
    const seen = latest.get(key);
    if (!seen || Date.parse(date) > Date.parse(seen)) latest.set(key, date);
  };
  for (const a of visible) {
    bump("home", a.updatedAt);
    const parts = a.section.path.split("/");
    for (let i = 1; i <= parts.length; i++) bump(`section:${parts.slice(0, i).join("/")}`, a.updatedAt);
    for (const au of a.authors) bump(`author:${au.slug}`, a.updatedAt);
    for (const t of a.tags) bump(`tag:${t.slug}`, a.updatedAt);
  }

  const withAlternates = (e: SitemapEntry, alternates: Alternate[]): SitemapEntry => (alternates.length ? { ...e, alternates } : e);
  const home = withAlternates(entry("/", latest.get("home")), homeAlternates({ language, url: siteUrl.replace(/\/+$/, ""), editions }));
  const sectionEntries = flatten(sections).map((s) => entry(`/${s.path}`, latest.get(`section:${s.path}`)));
  const articleEntries = visible.map((a) => withAlternates(entry(a.url, a.updatedAt), alternatesFor(language, url(a.url), a.translations ?? [])));
  const authorEntries = [...authors]
    .sort((a, b) => a.slug.localeCompare(b.slug))
    .map((author) => entry(authorPath(author.slug), latest.get(`author:${author.slug}`)));
  // Only tags with a visible article: a tag page with none answers 404 (app/tags/[slug]).
  const tagSlugs = [...latest.keys()].filter((k) => k.startsWith("tag:")).map((k) => k.slice(4));
  const tagEntries = tagSlugs.sort().map((slug) => entry(tagPath(slug), latest.get(`tag:${slug}`)));

  const pageEntries = pages
    .filter((p) => p.status === "published")
    .sort((a, b) => a.url.localeCompare(b.url))
    .map((p) => entry(p.url, p.updatedAt));
  const correctionEntries = corrections ? [entry("/corrections", corrections.lastmod)] : [];

  return [home, ...sectionEntries, ...articleEntries, ...authorEntries, ...tagEntries, ...pageEntries, ...correctionEntries];
}

const XHTML_NS = "http://www.w3.org/1999/xhtml";

export function renderUrlset(entries: SitemapEntry[]): string {
  const links = (e: SitemapEntry) =>
    (e.alternates ?? []).map((a) => `    <xhtml:link rel="alternate" hreflang="${escapeXml(a.hreflang)}" href="${escapeXml(a.href)}"/>\n`).join("");
  const urls = entries.map(
    (e) => `  <url>\n    <loc>${escapeXml(e.loc)}</loc>\n${e.lastmod ? `    <lastmod>${escapeXml(e.lastmod)}</lastmod>\n` : ""}${links(e)}  </url>\n`,
  );
  const xhtml = entries.some((e) => e.alternates?.length) ? ` xmlns:xhtml="${XHTML_NS}"` : "";
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${URLSET_NS}"${xhtml}>\n${urls.join("")}</urlset>\n`;
}

/**
 * The document at /sitemap.xml of a site small enough for one urlset (lib/seo/load.ts decides: a
 * larger archive gets an index by month, lib/seo/archive-sitemap.ts).
 */
export function buildSitemap(input: SitemapInput): string {
  return renderUrlset(sitemapEntries(input));
}
