"use client";

import { queryKeys } from "@/lib/api/query-keys";
import { HydrationBoundary, useInfiniteQuery, type DehydratedState } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import type { CardPage, ArticlesFilter } from "@/lib/api/articles";
import { fetchJson } from "@/lib/api/fetch-json";
import { ArticleCard } from "./ArticleCard";
import { liveCardTime } from "./LiveCardTime";
import { QueryProvider } from "./QueryProvider.client";
import { formatMessage, type ClientMessage } from "@/lib/i18n/client-format";

/** The island's strings, from the server in the site's language. */
export interface LoadMoreMessages {
  button: string;
  loading: string;
  failed: string;
  retry: string;
  /** "Page {page}" */
  pageLabel: ClientMessage;
  /** "{count} more articles loaded, page {page} of {totalPages}." */
  loaded: ClientMessage;
}
import { pagedPath } from "@/lib/request/paths";

export interface LoadMoreProps {
  filter: ArticlesFilter;
  /** The page the server rendered (its items are already in the HTML above). */
  startPage: number;
  perPage: number;
  /** "/news" → URLs "/news/page/N" as pages are added. */
  basePath: string;
  messages: LoadMoreMessages;
}

/**
 * "Load more" under a server-rendered list. The first page comes dehydrated from the server (no
 * fetch on load); each click appends the next page, moves focus to its first article and
 * announces it, and keeps the URL on the last page shown so refresh and back land in place.
 */
export function LoadMore({ filter, startPage, perPage, basePath, messages }: LoadMoreProps) {
  const params = new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as [string, string][]);
  const query = useInfiniteQuery({
    queryKey: queryKeys.articles(filter, startPage, perPage),
    queryFn: ({ pageParam, signal }) =>
      fetchJson<CardPage>(`/api/articles?${params}${params.size ? "&" : ""}cursor=${pageParam}&limit=${perPage}`, signal),
    initialPageParam: startPage,
    getNextPageParam: (last) => (last.nextCursor ? Number(last.nextCursor) : undefined),
  });
  const [announcement, setAnnouncement] = useState("");
  const firstNew = useRef<HTMLAnchorElement | null>(null);
  const focusPending = useRef(false);
  const added = query.data?.pages.slice(1) ?? [];
  const lastPage = query.data?.pages.at(-1)?.page ?? startPage;

  useEffect(() => {
    if (lastPage > startPage) window.history.replaceState(window.history.state, "", pagedPath(basePath, lastPage));
  }, [lastPage, startPage, basePath]);

  useEffect(() => {
    if (focusPending.current && firstNew.current) {
      focusPending.current = false;
      firstNew.current.focus();
    }
  }, [added.length]);

  async function loadMore() {
    const result = await query.fetchNextPage();
    const page = result.data?.pages.at(-1);
    if (!result.isError && page) {
      focusPending.current = true;
      setAnnouncement(formatMessage(messages.loaded, { count: page.items.length, page: page.page, totalPages: page.totalPages }));
    }
  }

  return (
    <div className="load-more no-print">
      {added.map((page, i) => (
        <ul key={page.page} aria-label={formatMessage(messages.pageLabel, { page: page.page })} className="grid gap-x-10 md:grid-cols-2" data-testid="loaded-page">
          {page.items.map((a, j) => (
            <li key={a.slug} className="border-b border-rule py-5">
              <FocusTarget enabled={i === added.length - 1 && j === 0} targetRef={firstNew}>
                <ArticleCard article={a} headingLevel={2} variant="row" liveTime={liveCardTime} />
              </FocusTarget>
            </li>
          ))}
        </ul>
      ))}
      <p role="status" aria-live="polite" className="sr-only">
        {announcement}
      </p>
      {query.isFetchNextPageError && (
        <div role="alert" className="mt-8 rounded-md border border-rule bg-panel p-4 text-sm">
          <p>{messages.failed}</p>
          <button type="button" onClick={loadMore} className="mt-2 rounded-md border border-accent px-3 py-1.5 font-semibold text-accent">
            {messages.retry}
          </button>
        </div>
      )}
      {query.hasNextPage && !query.isFetchNextPageError && (
        <div className="mt-10 text-center">
          <button
            type="button"
            onClick={loadMore}
            disabled={query.isFetchingNextPage}
            className="rounded-md bg-accent px-6 py-3 font-semibold text-accent-ink disabled:opacity-60"
          >
            {query.isFetchingNextPage ? messages.loading : messages.button}
          </button>
        </div>
      )}
    </div>
  );
}

/** Captures the first link of the newest page so focus can move there. */
function FocusTarget({ enabled, targetRef, children }: { enabled: boolean; targetRef: React.RefObject<HTMLAnchorElement | null>; children: React.ReactNode }) {
  return (
    <div
      ref={(el) => {
        if (enabled && el) targetRef.current = el.querySelector("h3 a, h2 a");
      }}
    >
      {children}
    </div>
  );
}

/** The island as loaded on demand by LoadMoreIsland: React Query, the server's first page, the button. */
export function LoadMoreWithData({ state, ...props }: LoadMoreProps & { state: DehydratedState }) {
  return (
    <QueryProvider>
      <HydrationBoundary state={state}>
        <LoadMore {...props} />
      </HydrationBoundary>
    </QueryProvider>
  );
}
