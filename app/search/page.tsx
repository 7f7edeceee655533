import type { Metadata } from "next";
import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import { MAX_QUERY_LENGTH, SEARCH_LIMIT, searchPage } from "@/lib/api/articles";
import { QueryProvider } from "@/components/QueryProvider.client";
import { LiveSearch } from "@/components/LiveSearch.client";

export const metadata: Metadata = {
  title: "Search",
  robots: { index: false, follow: true },
  alternates: { canonical: "/search" },
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Results for ?q= are in the server HTML (no JavaScript needed); the island takes over typing. */
export default async function SearchPage({ searchParams }: Props) {
  const raw = (await searchParams).q;
  const q = (Array.isArray(raw) ? raw[0] : (raw ?? "")).slice(0, MAX_QUERY_LENGTH).trim();
  const queryClient = new QueryClient();
  if (q) queryClient.setQueryData(["search", q], await searchPage(q, 1, SEARCH_LIMIT));
  return (
    <>
      <h1 className="font-serif text-4xl font-bold">Search</h1>
      <QueryProvider>
        <HydrationBoundary state={dehydrate(queryClient)}>
          <LiveSearch initialQuery={q} maxLength={MAX_QUERY_LENGTH} />
        </HydrationBoundary>
      </QueryProvider>
    </>
  );
}
