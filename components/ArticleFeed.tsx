import { dehydrate, QueryClient } from "@tanstack/react-query";
import { articlesPage } from "@/lib/api/articles";
import type { ArticleFeedProps } from "./StaticArticleFeed";
import { ArticleList } from "./ArticleList";
import { Pagination } from "./Pagination";
import { LoadMoreIsland } from "./LoadMoreIsland.client";
import { getI18n } from "@/lib/i18n/translate";
import type { LoadMoreMessages } from "./LoadMore.client";

/**
 * A paginated list of articles for section, author and tag pages: the page's articles and real
 * pagination links in the server HTML (crawlers, no JavaScript), plus the "Load more" island with
 * the same first page handed over through React Query's HydrationBoundary.
 */
export async function ArticleFeed({ filter, page, perPage, basePath, emptyText }: ArticleFeedProps) {
  const first = await articlesPage(filter, page, perPage);
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
  queryClient.setQueryData(["articles", filter, page, perPage], { pages: [first], pageParams: [page] });
  return (
    <>
      <ArticleList articles={first.items} emptyText={emptyText ?? i18n.t("listing.empty")} headingLevel={2} />
      <LoadMoreIsland state={dehydrate(queryClient)} filter={filter} startPage={page} perPage={perPage} basePath={basePath} messages={messages} />
      <Pagination basePath={basePath} page={first.page} totalPages={first.totalPages} />
    </>
  );
}

