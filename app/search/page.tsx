import { queryKeys } from "@/lib/api/query-keys";
import type { Metadata } from "next";
import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import { MAX_QUERY_LENGTH, SEARCH_LIMIT, searchPage } from "@/lib/api/articles";
import { QueryProvider } from "@/components/QueryProvider.client";
import { LiveSearch, type LiveSearchMessages } from "@/components/LiveSearch.client";
import { getI18n } from "@/lib/i18n/translate";

export function generateMetadata(): Metadata {
  return {
    title: getI18n().t("search.title"),
    robots: { index: false, follow: true },
    alternates: { canonical: "/search" },
  };
}

function searchMessages(): LiveSearchMessages {
  const { t, clientMessage } = getI18n();
  return {
    label: t("search.label"),
    button: t("search.button"),
    prompt: t("search.prompt"),
    unavailable: t("search.unavailable"),
    searching: t("search.searching"),
    updating: t("search.updating"),
    serviceError: t("search.serviceError"),
    retry: t("search.retry"),
    moreFailed: t("search.moreFailed"),
    loading: t("search.loading"),
    emptyHint: t("search.emptyHint"),
    noResults: clientMessage("search.noResults"),
    results: clientMessage("search.results"),
    resultsCapped: clientMessage("search.resultsCapped"),
    more: clientMessage("search.more"),
  };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Results for ?q= are in the server HTML (no JavaScript needed); the island takes over typing. */
export default async function SearchPage({ searchParams }: Props) {
  const params = await searchParams;
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
  const q = first(params.q).slice(0, MAX_QUERY_LENGTH).trim();
  // ?page=N (from "More results" without JavaScript) shows the first N pages, at most 10.
  const upTo = /^[1-9]$|^10$/.test(first(params.page)) ? Number(first(params.page)) : 1;
  const queryClient = new QueryClient();
  if (q) {
    const pages = [await searchPage(q, 1, SEARCH_LIMIT)];
    while (pages.length < upTo && pages.at(-1)!.nextCursor) pages.push(await searchPage(q, pages.length + 1, SEARCH_LIMIT));
    queryClient.setQueryData(queryKeys.search(q), { pages, pageParams: pages.map((_, i) => i + 1) });
  }
  return (
    <>
      <h1 className="font-serif text-4xl font-bold">{getI18n().t("search.title")}</h1>
      <QueryProvider>
        <HydrationBoundary state={dehydrate(queryClient)}>
          <LiveSearch initialQuery={q} maxLength={MAX_QUERY_LENGTH} messages={searchMessages()} />
        </HydrationBoundary>
      </QueryProvider>
    </>
  );
}
