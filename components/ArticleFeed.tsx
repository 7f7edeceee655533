import { dehydrate, QueryClient } from "@tanstack/react-query";
import { queryKeys } from "@/lib/api/query-keys";
import type { ArticlesFilter, CardPage } from "@/lib/api/articles";
import { ArticleList } from "./ArticleList";
import { Pagination } from "./Pagination";
import { LoadMoreIsland } from "./LoadMoreIsland.client";

export interface ArticleFeedProps {
  filter: ArticlesFilter;
  /** The page of cards the loader read (lib/page-data.ts). */
  list: CardPage;
  perPage: number;
  basePath: string;
  emptyText?: string;
}

/**
 * A paginated list of articles for section, author and tag pages: the page's articles and real
 * pagination links in the server HTML (crawlers, no JavaScript), plus the "Load more" island with
 * the same page handed over through React Query's HydrationBoundary.
 */
export function ArticleFeed({ filter, list, perPage, basePath, emptyText }: ArticleFeedProps) {
  const queryClient = new QueryClient();
  queryClient.setQueryData(queryKeys.articles(filter, list.page, perPage), { pages: [list], pageParams: [list.page] });
  return (
    <>
      <ArticleList articles={list.items} emptyText={emptyText} headingLevel={2} />
      <LoadMoreIsland state={dehydrate(queryClient)} filter={filter} startPage={list.page} perPage={perPage} basePath={basePath} />
      <Pagination basePath={basePath} page={list.page} totalPages={list.totalPages} />
    </>
  );
}
