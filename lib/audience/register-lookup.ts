/** Registers the article lookup of lookup.ts from the Next side (lib/startup.ts), through the active content source. */
import { getContentSource } from "@/lib/content/source";
import { setArticleLookup } from "./lookup";

export function registerArticleLookup(): void {
  setArticleLookup(async (slug) => {
    const article = await getContentSource().getArticleBySlug(slug);
    return article && article.status === "published" ? { section: article.section.path } : null;
  });
}
