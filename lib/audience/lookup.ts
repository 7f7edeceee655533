/**
 * Lets the beacon endpoint of the production server (scripts/server/beacon.mjs), which runs outside
 * Next's bundles in the same process, tell a visible article from anything else: slug → its section,
 * through the active content source (whichever it is), or null. The endpoint remembers each answer
 * for a few minutes, so the source is asked about once per article, not per beacon.
 */
import { getContentSource } from "@/lib/content/source";

const LOOKUP = Symbol.for("masthead.audience.lookup");
type WithLookup = typeof globalThis & { [LOOKUP]?: (slug: string) => Promise<{ section: string } | null> };

export function registerArticleLookup(): void {
  (globalThis as WithLookup)[LOOKUP] = async (slug: string) => {
    const article = await getContentSource().getArticleBySlug(slug);
    return article && article.status === "published" ? { section: article.section.path } : null;
  };
}
