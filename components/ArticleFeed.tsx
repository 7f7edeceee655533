import { dehydrate, QueryClient } from "@tanstack/react-query";
import { articlesPage } from "@/lib/api/articles";
import type { ArticleFeedProps } from "./StaticArticleFeed";
import { ArticleList } from "./ArticleList";
import { Pagination } from "./Pagination";
import { LoadMoreIsland } from "./LoadMoreIsland.client";

/**
 * A paginated list of articles for section, author and tag pages: the page's articles and real
 * pagination links in the server HTML (crawlers, no JavaScript), plus the "Load more" island with
 * the same first page handed over through React Query's HydrationBoundary.
 */
export async function ArticleFeed({ filter, page, perPage, basePath, emptyText }: ArticleFeedProps) {
  const first = await articlesPage(filter, page, perPage);
  const queryClient = new QueryClient();
  queryClient.setQueryData(["articles", filter, page, perPage], { pages: [first], pageParams: [page] });
  return (
    <>
      <ArticleList articles={first.items} emptyText={emptyText} headingLevel={2} />
      <LoadMoreIsland state={dehydrate(queryClient)} filter={filter} startPage={page} perPage={perPage} basePath={basePath} />
      <Pagination basePath={basePath} page={first.page} totalPages={first.totalPages} />
    </>
  );
}

