/** Registers the article lookup of lookup.ts from the Next side (lib/config/startup.ts), through the active content source. */
import { getContentSource } from "@/lib/sources/source";
import { setArticleLookup } from "./lookup";

export function registerArticleLookup(): void {
  setArticleLookup(async (slug) => {
    const article = await getContentSource().getArticleBySlug(slug);
    return article && article.status === "published" ? { section: article.section.path } : null;
  });
}
