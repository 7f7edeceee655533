import type { ArticleSummary } from "../sources/types";
import { isSlug } from "../sources/rules";

/** Size of the generated social card (the size Open Graph and X recommend). */
export const OG_IMAGE_SIZE = { width: 1200, height: 630 } as const;

/**
 * Path of an article's generated social card. It lives outside the catch-all because a
 * file-convention opengraph-image cannot sit under app/[...path]; the slug is unique site-wide.
 */
export function ogImagePath(article: Pick<ArticleSummary, "slug">): string {
  return `/og/${article.slug}.png`;
}

/** The slug in an /og/<slug>.png file name, or null for anything else. */
export function slugFromOgFile(file: string): string | null {
  const slug = /^(.+)\.png$/.exec(file)?.[1];
  return slug && isSlug(slug) ? slug : null;
}

/** The image that represents an article when shared: its featured image, else the generated card. */
export function shareImage(article: Pick<ArticleSummary, "slug" | "title" | "image">): {
  path: string;
  width: number;
  height: number;
  alt: string;
} {
  if (article.image) {
    return { path: article.image.src, width: article.image.width, height: article.image.height, alt: article.image.alt };
  }
  return { path: ogImagePath(article), ...OG_IMAGE_SIZE, alt: article.title };
}
