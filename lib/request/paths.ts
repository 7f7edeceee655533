/**
 * Public URL paths, written once. Pure (no server imports), so client islands use them too. Tag
 * slugs may hold any letter (lib/sources/rules.ts), so they are percent-encoded in paths.
 */
export const authorPath = (slug: string) => `/authors/${slug}`;
export const tagPath = (slug: string) => `/tags/${encodeURIComponent(slug)}`;
export const sectionPath = (path: string) => `/${path}`;

/** Pagination lives in the path: "/news" page 3 → "/news/page/3"; page 1 is the bare path. */
export function pagedPath(basePath: string, page: number): string {
  if (page <= 1) return basePath;
  return `${basePath === "/" ? "" : basePath}/page/${page}`;
}

export const feedPath = (basePath: string) => (basePath === "/" ? "/feed.xml" : `${basePath}/feed.xml`);
