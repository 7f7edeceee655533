import { dehydrate, QueryClient } from "@tanstack/react-query";
import { queryKeys } from "@/lib/api/query-keys";
import type { ArticlesFilter, CardPage } from "@/lib/api/articles";
import { ArticleList } from "./ArticleList";
import { Pagination } from "./Pagination";
import { LoadMoreIsland } from "./LoadMoreIsland.client";
import type { LoadMoreMessages } from "./LoadMore.client";
import { getI18n } from "@/lib/i18n/translate";

export interface ArticleFeedProps {
  filter: ArticlesFilter;
  /** The page of cards the loader read (lib/pages/page-data.ts). */
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
  const i18n = getI18n();
  // Only the strings the island shows, in the site's language (never a catalogue).
  const messages: LoadMoreMessages = {
    button: i18n.t("loadMore.button"),
    loading: i18n.t("loadMore.loading"),
    failed: i18n.t("loadMore.failed"),
    retry: i18n.t("loadMore.retry"),
    pageLabel: i18n.clientMessage("loadMore.pageLabel"),
    loaded: i18n.clientMessage("loadMore.loaded"),
  };
  const queryClient = new QueryClient();
  queryClient.setQueryData(queryKeys.articles(filter, list.page, perPage), { pages: [list], pageParams: [list.page] });
  return (
    <>
      <ArticleList articles={list.items} emptyText={emptyText ?? i18n.t("listing.empty")} headingLevel={2} leadFirst={list.page === 1} />
      <LoadMoreIsland state={dehydrate(queryClient)} filter={filter} startPage={list.page} perPage={perPage} basePath={basePath} messages={messages} />
      <Pagination basePath={basePath} page={list.page} totalPages={list.totalPages} withLoadMore />
    </>
  );
}
