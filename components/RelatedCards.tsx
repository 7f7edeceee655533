import type { ArticleSummary } from "@/lib/sources/types";
import { ArticleCard } from "./ArticleCard";
import { toCard } from "@/lib/pages/cards";
import { getI18n } from "@/lib/i18n/translate";

export function RelatedCards({ articles }: { articles: ArticleSummary[] }) {
  if (!articles.length) return null;
  return (
    <section aria-labelledby="related-title" className="no-print mt-12 border-t border-rule pt-8" data-testid="related">
      <h2 id="related-title" className="font-serif text-2xl font-bold">
        {getI18n().t("related.title")}
      </h2>
      <ul className="mt-6 grid gap-6 sm:grid-cols-2 lg:grid-cols-4">
        {articles.map((a) => (
          <li key={a.slug}>
            <ArticleCard article={toCard(a)} />
          </li>
        ))}
      </ul>
    </section>
  );
}
