import { articlesPage, type ArticlesFilter } from "@/lib/api/articles";
import { ArticleList } from "./ArticleList";
import { Pagination } from "./Pagination";
import { getI18n } from "@/lib/i18n/translate";

/**
 * A section's list without the "Load more" island, for the article route's fallback (when the proxy
 * could not route the request to the section route). Importing the island here would put React
 * Query into every article page's JavaScript.
 */
export interface ArticleFeedProps {
  filter: ArticlesFilter;
  page: number;
  perPage: number;
  basePath: string;
  emptyText?: string;
}

export async function StaticArticleFeed({ filter, page, perPage, basePath, emptyText }: ArticleFeedProps) {
  const first = await articlesPage(filter, page, perPage);
  return (
    <>
      <ArticleList articles={first.items} emptyText={emptyText ?? getI18n().t("listing.empty")} headingLevel={2} />
      <Pagination basePath={basePath} page={first.page} totalPages={first.totalPages} />
    </>
  );
}
