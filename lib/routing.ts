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
