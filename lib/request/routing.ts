/**
 * The one place that decides what a page URL is — home, a section page, an article, an author or tag
 * page, a permanent redirect, or not found — and, from that answer alone, the route that renders it,
 * its cache policy and its cache tags. proxy.ts calls `resolveRequest` once per request, before
 * anything renders (Simorgh's `shouldRender`), and rewrites to the internal route that renders the
 * answer; the routes themselves only load what they show (docs/decisions/0011).
 */
import type { Article, Author, Section, StandingPage, Tag } from "../sources/types";
import type { ContentSource } from "../sources/types";
import { getContentSource } from "../sources/source";
import { isSlug, isTagSlug, PAGE_NUMBER } from "../sources/rules";
import { cacheTags } from "./cache-tags";
import { authorPath, tagPath } from "./paths";
import { coverageEnded, livePagePath, livePaging } from "../live/paging";
import { CACHE_POLICY, LIFETIME, sharedFor } from "./cache-policy.mjs";
import { INTERNAL_ROUTES, internalRoute } from "./internal-routes";

export { INTERNAL_ROUTES, internalRoute, type RouteTarget } from "./internal-routes";

/** Articles per page on section, author and tag pages. */
export const SECTION_PAGE_SIZE = 12;
export const LISTING_PAGE_SIZE = 12;

export type Resolution =
  | { kind: "home" }
  | { kind: "section"; section: Section; page: number }
  | { kind: "article"; article: Article }
  /** A live blog: page 1 is the article URL (newest updates), 2… its archived pages (lib/live/paging.ts). */
  | { kind: "live"; article: Article; page: number }
  | { kind: "author"; author: Author; page: number }
  | { kind: "tag"; tag: Tag; page: number }
  | { kind: "page"; page: StandingPage }
  | { kind: "corrections"; page: number }
  | { kind: "redirect"; to: string }
  /** `until`: an article exists at this URL but is scheduled; it goes live at that time (ISO 8601). */
  | { kind: "notFound"; until?: string };

export interface ResolveOptions {
  /** Draft mode: drafts and scheduled articles resolve too. */
  preview?: boolean;
  source?: ContentSource;
  now?: Date;
}

/** Corrections per page on /corrections. */
export const CORRECTIONS_PAGE_SIZE = 20;

const INTERNAL_FIRST_SEGMENTS = new Set([...Object.values(INTERNAL_ROUTES).map((p) => p.slice(1)), "status-pages", "_not-found"]);

function decodeSegments(pathname: string): string[] | null {
  const raw = pathname.split("/").filter(Boolean);
  const out: string[] = [];
  for (const segment of raw) {
    try {
      out.push(decodeURIComponent(segment));
    } catch {
      return null;
    }
  }
  return out;
}

/**
 * "/…/page/N" → the base segments and N; a bare path is page 1; null when the page part is malformed
 * (zero, negative, not a number, absurdly large). `explicitFirst`: the URL said /page/1.
 */
export function splitPage(segments: string[]): { base: string[]; page: number; explicitFirst: boolean } | null {
  const n = segments.length;
  if (n >= 2 && segments[n - 2] === "page") {
    if (!PAGE_NUMBER.test(segments[n - 1])) return null;
    const page = Number(segments[n - 1]);
    return { base: segments.slice(0, -2), page, explicitFirst: page === 1 };
  }
  return { base: segments, page: 1, explicitFirst: false };
}

const NOT_FOUND: Resolution = { kind: "notFound" };

export async function resolveRequest(pathname: string, options: ResolveOptions = {}): Promise<Resolution> {
  const segments = decodeSegments(pathname);
  if (!segments) return NOT_FOUND;
  if (!segments.length) return { kind: "home" };
  if (INTERNAL_FIRST_SEGMENTS.has(segments[0])) return NOT_FOUND;
  const source = options.source ?? getContentSource();
  const paged = splitPage(segments);
  if (!paged) return NOT_FOUND;

  if (paged.base[0] === "authors" || paged.base[0] === "tags") {
    if (paged.base.length !== 2) return NOT_FOUND;
    return resolveListing(paged.base[0], paged.base[1], paged, source);
  }
  if (paged.base.length === 1 && paged.base[0] === "corrections") {
    if (paged.explicitFirst) return { kind: "redirect", to: "/corrections" };
    if (paged.page > 1 && paged.page > (await source.listCorrections({ page: 1, perPage: CORRECTIONS_PAGE_SIZE })).totalPages) return NOT_FOUND;
    return { kind: "corrections", page: paged.page };
  }
  if (!paged.base.every(isSlug)) return NOT_FOUND;
  const path = paged.base.join("/");

  const section = paged.base.length ? await source.getSection(path) : null;
  if (section) {
    if (paged.explicitFirst) return { kind: "redirect", to: `/${section.path}` };
    if (paged.page > 1) {
      const list = await source.listArticles({ section: section.path, page: paged.page, perPage: SECTION_PAGE_SIZE, preview: options.preview });
      if (paged.page > list.totalPages) return NOT_FOUND;
    }
    return { kind: "section", section, page: paged.page };
  }
  // Only live blogs have pages of their own (/<section>/<slug>/page/N); nothing else under a slug.
  const hasPagePart = paged.base.length !== segments.length;
  if (!paged.base.length || (hasPagePart && paged.base.length < 2)) return NOT_FOUND;
  if (segments.length === 1) {
    // A standing page (/about): its slug can be no section's (the build refuses that).
    const page = await source.getPage(segments[0], { preview: options.preview });
    return page ? { kind: "page", page } : NOT_FOUND;
  }

  const slug = paged.base[paged.base.length - 1];
  const sectionPath = paged.base.slice(0, -1).join("/");
  const article = (await source.getArticleBySlug(slug, { preview: options.preview })) ?? (await source.getArticleByOldSlug(slug, { preview: options.preview }));
  if (article) {
    if (hasPagePart && !article.live) return NOT_FOUND;
    if (!article.live) return article.slug === slug && article.section.path === sectionPath ? { kind: "article", article } : { kind: "redirect", to: article.url };
    return resolveLivePage(article, paged, article.slug === slug && article.section.path === sectionPath, source, options);
  }
  if (hasPagePart) return NOT_FOUND;
  // A scheduled article: 404 now, but no cache may keep that answer past its publication time.
  const until = options.preview ? null : await source.scheduledAt(slug, options.now);
  return until ? { kind: "notFound", until } : NOT_FOUND;
}

/** A live blog's page: /page/1 is the article URL itself, a page that does not exist (yet) is 404. */
async function resolveLivePage(
  article: Article,
  paged: { page: number; explicitFirst: boolean },
  canonical: boolean,
  source: ContentSource,
  options: ResolveOptions,
): Promise<Resolution> {
  if (paged.page > 1) {
    const updates = (await source.getLiveUpdates(article.slug, { preview: options.preview })) ?? [];
    if (!livePaging(updates).page(paged.page)) return NOT_FOUND;
  }
  if (!canonical || paged.explicitFirst) return { kind: "redirect", to: livePagePath(article.url, paged.page) };
  return { kind: "live", article, page: paged.page };
}

async function resolveListing(
  kind: "authors" | "tags",
  slug: string,
  paged: { page: number; explicitFirst: boolean },
  source: ContentSource,
): Promise<Resolution> {
  if (!(kind === "authors" ? isSlug(slug) : isTagSlug(slug))) return NOT_FOUND;
  if (paged.explicitFirst) return { kind: "redirect", to: kind === "authors" ? authorPath(slug) : tagPath(slug) };
  const [entity, list] = await Promise.all([
    kind === "authors" ? source.getAuthor(slug) : source.getTag(slug),
    source.listArticles({ [kind === "authors" ? "author" : "tag"]: slug, page: paged.page, perPage: LISTING_PAGE_SIZE }),
  ]);
  if (!entity) return NOT_FOUND;
  // A tag exists for readers only while it has a visible article.
  if (kind === "tags" && list.total === 0) return NOT_FOUND;
  if (paged.page > list.totalPages) return NOT_FOUND;
  return kind === "authors"
    ? { kind: "author", author: entity as Author, page: paged.page }
    : { kind: "tag", tag: entity as Tag, page: paged.page };
}

/** Shared lifetimes (seconds), named in lib/request/cache-policy.mjs. */
export const PAGE_S_MAXAGE = LIFETIME.page;
export const NOT_FOUND_S_MAXAGE = LIFETIME.notFound;
export const REDIRECT_MAX_AGE = LIFETIME.redirect;
/**
 * A live blog's front page while the coverage runs (docs/decisions/0101): a few seconds, so that
 * however many readers poll, each edge asks the origin about once per interval, and a new update
 * reaches a reader who opens the page within one polling interval of the delta endpoint.
 */
export const LIVE_S_MAXAGE = LIFETIME.live;

/**
 * The Cache-Control of a resolution's response. Browsers always revalidate pages (max-age=0; the
 * ETag makes that a 304); shared caches keep them a minute, serve them stale while refetching, and
 * keep serving them when the origin is away (stale-if-error). Preview is never stored anywhere.
 * A 404 is kept briefly — and never past the publication time of a scheduled article at that URL.
 */
export function cachePolicy(r: Resolution, { preview = false, now = new Date() }: { preview?: boolean; now?: Date } = {}): string {
  if (preview) return CACHE_POLICY.private;
  switch (r.kind) {
    case "redirect":
      return CACHE_POLICY.redirect;
    case "notFound":
      return r.until ? sharedFor(Math.min(NOT_FOUND_S_MAXAGE, (Date.parse(r.until) - now.getTime()) / 1000)) : CACHE_POLICY.notFound;
    case "live":
      // Archived pages never change once full; an ended blog is an article like any other.
      return r.page === 1 && !coverageEnded(r.article.live, now) ? CACHE_POLICY.live : CACHE_POLICY.page;
    default:
      return CACHE_POLICY.page;
  }
}

/**
 * The cache tags of a resolution's response: what the webhook expires when that content changes. A
 * list shows an article only on the home page, the article's sections, its authors and its tags —
 * exactly the tags a change of that article expires — so lists need no catch-all tag.
 */
export function pageTags(r: Resolution): string[] {
  const tags: string[] = [cacheTags.site];
  switch (r.kind) {
    case "home":
      tags.push(cacheTags.home);
      break;
    case "article":
    case "live":
      tags.push(cacheTags.article(r.article.slug));
      break;
    case "section":
      tags.push(cacheTags.section(r.section.path));
      break;
    case "author":
      tags.push(cacheTags.author(r.author.slug));
      break;
    case "tag":
      tags.push(cacheTags.tag(r.tag.slug));
      break;
    case "page":
      tags.push(cacheTags.page(r.page.slug));
      break;
    case "corrections":
      tags.push(cacheTags.corrections);
      break;
  }
  return tags;
}

/**
 * The tags of a 404 at `pathname`: what publishing something at that address expires — the article
 * of an article-shaped path, the tag or author of a listing, the standing page of a single segment —
 * so a cache in front drops its 404 the moment that content appears (a story put back, a scheduled
 * one published, a brand-new tag page), instead of keeping it for the 404's lifetime (issue 27, item 6).
 */
export function notFoundTags(pathname: string): string[] {
  const segments = decodeSegments(pathname);
  if (!segments?.length || INTERNAL_FIRST_SEGMENTS.has(segments[0])) return [];
  const base = splitPage(segments)?.base ?? segments;
  if (base.length === 2 && base[0] === "tags") return isTagSlug(base[1]) ? [cacheTags.site, cacheTags.tag(base[1])] : [];
  if (base.length === 2 && base[0] === "authors") return isSlug(base[1]) ? [cacheTags.site, cacheTags.author(base[1])] : [];
  if (!base.length || !base.every(isSlug)) return [];
  return [cacheTags.site, base.length === 1 ? cacheTags.page(base[0]) : cacheTags.article(base[base.length - 1])];
}

/** What the proxy does with a request: the status, the route that renders it, its policy and tags. */
export interface Decision {
  status: 200 | 301 | 404;
  /** Internal route to render, or null for the path itself (home). */
  rewrite: string | null;
  location?: string;
  cacheControl: string;
  tags: string[];
}

export function decide(resolution: Resolution, preview: boolean): Decision {
  const cacheControl = cachePolicy(resolution, { preview });
  switch (resolution.kind) {
    case "redirect":
      return { status: 301, rewrite: null, location: resolution.to, cacheControl, tags: [] };
    case "notFound":
      return { status: 404, rewrite: "/_not-found", cacheControl, tags: [] };
    default:
      return { status: 200, rewrite: internalRoute(resolution), cacheControl, tags: preview ? [] : pageTags(resolution) };
  }
}

