/**
 * The one place that decides what a path under the catch-all route is: a section page, an
 * article, a permanent redirect to a canonical URL, or not found. Pages call it before rendering
 * so the status code is settled first (Simorgh's `shouldRender`).
 */
import type { Article, Section } from "./content/types";
import { getContentSource } from "./content/source";

export type Resolution =
  | { kind: "section"; section: Section; page: number }
  | { kind: "article"; article: Article }
  | { kind: "redirect"; to: string }
  | { kind: "notFound" };

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Articles per page on section, author and tag pages. */
export const SECTION_PAGE_SIZE = 12;
export const LISTING_PAGE_SIZE = 12;
const PAGE_NUMBER = /^[1-9][0-9]{0,5}$/;

/**
 * Parses "/…/page/N": returns the page number, 1 for a bare path, or null when the page part is
 * malformed (zero, negative, not a number, absurdly large).
 */
export function splitPage(segments: string[]): { base: string[]; page: number } | null {
  const n = segments.length;
  if (n >= 2 && segments[n - 2] === "page") {
    if (!PAGE_NUMBER.test(segments[n - 1])) return null;
    return { base: segments.slice(0, -2), page: Number(segments[n - 1]) };
  }
  return { base: segments, page: 1 };
}

export async function resolvePath(rawSegments: string[], options: { preview?: boolean } = {}): Promise<Resolution> {
  const segments = rawSegments.map((s) => safeDecode(s));
  if (!segments.length || segments.some((s) => s === null || !(SLUG.test(s) || s === "page"))) return { kind: "notFound" };
  const source = getContentSource();
  const paged = splitPage(segments as string[]);
  if (!paged) return { kind: "notFound" };
  const { base, page } = paged;
  const path = base.join("/");

  const section = base.length ? await source.getSection(path) : null;
  if (section) {
    if (segments.length !== base.length && page === 1) return { kind: "redirect", to: `/${section.path}` };
    if (page > 1) {
      const list = await source.listArticles({ section: section.path, page, perPage: SECTION_PAGE_SIZE, preview: options.preview });
      if (page > list.totalPages) return { kind: "notFound" };
    }
    return { kind: "section", section, page };
  }
  if (segments.length !== base.length) return { kind: "notFound" };

  const slug = base[base.length - 1];
  const sectionPath = base.slice(0, -1).join("/");
  const article = await source.getArticleBySlug(slug, options);
  if (article) {
    return article.section.path === sectionPath ? { kind: "article", article } : { kind: "redirect", to: article.url };
  }
  const moved = await source.getArticleByOldSlug(slug, options);
  if (moved) return { kind: "redirect", to: moved.url };
  return { kind: "notFound" };
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export type ListingResolution = { kind: "ok"; page: number } | { kind: "redirect"; to: string } | { kind: "notFound" };

/**
 * /authors/<slug>[/page/N] and /tags/<slug>[/page/N]: the author or tag must exist, the page must
 * be in range, and a tag exists for readers only while it has a visible article.
 */
export async function resolveListing(kind: "authors" | "tags", slug: string, pageParam?: string): Promise<ListingResolution> {
  const source = getContentSource();
  if (!SLUG.test(slug)) return { kind: "notFound" };
  if (pageParam !== undefined && !PAGE_NUMBER.test(pageParam)) return { kind: "notFound" };
  const page = pageParam === undefined ? 1 : Number(pageParam);
  if (pageParam === "1") return { kind: "redirect", to: `/${kind}/${slug}` };
  const exists = kind === "authors" ? await source.getAuthor(slug) : await source.getTag(slug);
  if (!exists) return { kind: "notFound" };
  const list = await source.listArticles({ [kind === "authors" ? "author" : "tag"]: slug, page, perPage: LISTING_PAGE_SIZE });
  if (kind === "tags" && list.total === 0) return { kind: "notFound" };
  if (page > list.totalPages) return { kind: "notFound" };
  return { kind: "ok", page };
}

/**
 * Everything the proxy needs to know about a page URL before it is rendered: served normally, a
 * permanent redirect, or not found. (Rendering `notFound()` inside a page answers 404 with an empty
 * server body in Next 16.4 — vercel/next.js#62228 — so unknown URLs are settled here instead.)
 */
export type RequestResolution =
  | { kind: "ok" }
  | { kind: "section"; path: string; page: number }
  | { kind: "redirect"; to: string }
  | { kind: "notFound" };

/** Section pages are served by their own route (see proxy.ts and docs/decisions/0006). */
export const SECTION_ROUTE_PREFIX = "/section-pages";

export function sectionRoutePath(path: string, page: number): string {
  return `${SECTION_ROUTE_PREFIX}/${path}${page > 1 ? `/page/${page}` : ""}`;
}

export async function resolveRequestPath(pathname: string, options: { preview?: boolean } = {}): Promise<RequestResolution> {
  const segments = pathname.split("/").filter(Boolean);
  if (!segments.length) return { kind: "ok" };
  const first = segments[0];
  if (first === "authors" || first === "tags") {
    if (segments.length === 2) return resolveListing(first, segments[1]).then(toRequest);
    if (segments.length === 4 && segments[2] === "page") return resolveListing(first, segments[1], segments[3]).then(toRequest);
    return { kind: "notFound" };
  }
  if (first === SECTION_ROUTE_PREFIX.slice(1)) return { kind: "notFound" };
  const resolved = await resolvePath(segments, options);
  if (resolved.kind === "redirect" || resolved.kind === "notFound") return resolved;
  if (resolved.kind === "section") return { kind: "section", path: resolved.section.path, page: resolved.page };
  return { kind: "ok" };
}

function toRequest(r: ListingResolution): RequestResolution {
  return r.kind === "ok" ? { kind: "ok" } : r;
}
