/**
 * The internal routes the proxy rewrites public addresses to (app/article-pages, section-pages …),
 * named once: the router (lib/request/routing.ts), the publishing plan (lib/publishing/plan.ts) and the
 * production server's warm-up (server/warm-up.ts) build them here. No imports: the server bundles it.
 */

/** Internal route prefixes the proxy rewrites to. Requested directly, they are 404 (the proxy says so). */
export const INTERNAL_ROUTES = {
  article: "/article-pages",
  section: "/section-pages",
  author: "/author-pages",
  tag: "/tag-pages",
  page: "/standing-pages",
  corrections: "/correction-pages",
  live: "/live-pages",
} as const;

/**
 * What internalRoute needs of a resolution: the kind and the keys of its route, so the publishing
 * plan (lib/publishing/plan.ts) names the very routes the proxy rewrites to, from slugs alone.
 */
export type RouteTarget =
  | { kind: "article"; article: { slug: string } }
  | { kind: "live"; article: { slug: string }; page: number }
  | { kind: "section"; section: { path: string }; page: number }
  | { kind: "author"; author: { slug: string }; page: number }
  | { kind: "tag"; tag: { slug: string }; page: number }
  | { kind: "page"; page: { slug: string } }
  | { kind: "corrections"; page: number };

/** The internal route that renders a resolution (null: the public path itself, or nothing to render). */
export function internalRoute(resolution: RouteTarget | { readonly kind: string }): string | null {
  const r = resolution as RouteTarget; // every other kind: the default branch
  switch (r.kind) {
    case "article":
      return `${INTERNAL_ROUTES.article}/${r.article.slug}`;
    case "live":
      return `${INTERNAL_ROUTES.live}/${r.article.slug}/${r.page}`;
    case "section":
      return `${INTERNAL_ROUTES.section}/${r.page}/${r.section.path}`;
    case "author":
      return `${INTERNAL_ROUTES.author}/${r.author.slug}/${r.page}`;
    case "tag":
      return `${INTERNAL_ROUTES.tag}/${encodeURIComponent(r.tag.slug)}/${r.page}`;
    case "page":
      return `${INTERNAL_ROUTES.page}/${r.page.slug}`;
    case "corrections":
      return `${INTERNAL_ROUTES.corrections}/${r.page}`;
    default:
      return null;
  }
}
