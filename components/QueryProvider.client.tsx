"use client";

import { isServer, QueryClient, QueryClientProvider } from "@tanstack/react-query";

function makeQueryClient() {
  return new QueryClient({
    // Data the server dehydrated is fresh for a minute, so hydration does not refetch it.
    defaultOptions: { queries: { staleTime: 60_000, gcTime: 10 * 60_000, refetchOnWindowFocus: false, retry: 1 } },
  });
}

let browserClient: QueryClient | undefined;

/**
 * One client for the whole visit in the browser, so articles added by "Load more" are still there
 * when the reader comes back from an article; a fresh one per request on the server.
 */
function getQueryClient() {
  if (isServer) return makeQueryClient();
  browserClient ??= makeQueryClient();
  return browserClient;
}

/**
 * React Query for the pages that have islands (section, author, tag, search) — never the root
 * layout, so the article page does not carry it.
 */
export function QueryProvider({ children }: { children: React.ReactNode }) {
  return <QueryClientProvider client={getQueryClient()}>{children}</QueryClientProvider>;
}
