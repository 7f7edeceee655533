"use client";

import { queryKeys } from "@/lib/api/query-keys";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { CardPage } from "@/lib/api/articles";
import { SEARCH_LIMIT } from "@/lib/api/limits";
import { fetchJson } from "@/lib/api/fetch-json";
import { ArticleCard } from "./ArticleCard";
import { liveCardTime } from "./LiveCardTime";
import { formatMessage, formatRich, type ClientMessage } from "@/lib/i18n/client-format";

/** The island's strings, from the server in the site's language (never a whole catalogue). */
export interface LiveSearchMessages {
  label: string;
  button: string;
  prompt: string;
  unavailable: string;
  searching: string;
  updating: string;
  serviceError: string;
  retry: string;
  moreFailed: string;
  loading: string;
  emptyHint: string;
  /** "No results for “{query}”" */
  noResults: ClientMessage;
  /** "{count} results for “{query}”" */
  results: ClientMessage;
  /** "More than {count} results for “{query}”: the best matches among the newest {count}" */
  resultsCapped: ClientMessage;
  /** "More results ({count} more)" */
  more: ClientMessage;
}

type SearchResult = CardPage & { terms: string[] };

export function searchHref(q: string, page = 1): string {
  return q ? `/search?q=${encodeURIComponent(q)}${page > 1 ? `&page=${page}` : ""}` : "/search";
}

const DEBOUNCE_MS = 250;

/**
 * Search as you type. Server-rendered with the results for the URL's `q` (dehydrated, so no fetch
 * on load; the form also works without JavaScript). Typing is debounced, a newer query cancels
 * the older request, previous results stay while the next ones load, and the URL follows.
 */
export function LiveSearch({ initialQuery, maxLength, messages }: { initialQuery: string; maxLength: number; messages: LiveSearchMessages }) {
  const [input, setInput] = useState(initialQuery);
  const [q, setQ] = useState(initialQuery.trim());

  useEffect(() => {
    const timer = setTimeout(() => setQ(input.trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [input]);

  const query = useInfiniteQuery({
    queryKey: queryKeys.search(q),
    queryFn: ({ signal, pageParam }) =>
      fetchJson<SearchResult>(`/api/search?q=${encodeURIComponent(q)}&limit=${SEARCH_LIMIT}&cursor=${pageParam}`, signal),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.nextCursor ? Number(last.nextCursor) : undefined),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
  });

  const pages = q ? query.data?.pages : undefined;
  const data = pages?.[0];
  const items = pages?.flatMap((p) => p.items) ?? [];
  const shownPages = pages?.length ?? 1;

  useEffect(() => {
    const url = searchHref(q, shownPages);
    if (url !== window.location.pathname + window.location.search) window.history.replaceState(window.history.state, "", url);
  }, [q, shownPages]);
  const heading = !q
    ? messages.prompt
    : query.isError && !data
      ? messages.unavailable
      : data
        ? data.total === 0
          ? formatRich(messages.noResults, { query: <bdi>{q}</bdi> })
          : formatRich(data.totalCapped ? messages.resultsCapped : messages.results, { count: data.total, query: <bdi>{q}</bdi> })
        : messages.searching;

  return (
    <>
      <form action="/search" method="get" role="search" data-search-page="" className="mt-6 flex max-w-xl gap-2" onSubmit={(e) => {
        e.preventDefault();
        setQ(input.trim());
      }}>
        <label htmlFor="search-page-q" className="sr-only">
          {messages.label}
        </label>
        <input
          id="search-page-q"
          name="q"
          type="search"
          value={input}
          onChange={(e) => setInput(e.target.value)}
          maxLength={maxLength}
          autoComplete="off"
          className="h-11 min-w-0 flex-1 rounded-md border border-rule bg-paper px-3"
        />
        <button type="submit" className="h-11 rounded-md bg-accent px-4 font-semibold text-accent-ink">
          {messages.button}
        </button>
      </form>
      <section aria-labelledby="results-title" className="mt-8" aria-busy={query.isFetching}>
        <h2 id="results-title" className="text-lg font-semibold" aria-live="polite">
          {heading}
          {query.isFetching && data && <span className="ms-2 text-sm font-normal text-muted">{messages.updating}</span>}
        </h2>
        {query.isError && !query.isFetchNextPageError && (
          <div role="alert" className="mt-4 rounded-md border border-rule bg-panel p-4 text-sm">
            <p>{messages.serviceError}</p>
            <button type="button" onClick={() => query.refetch()} className="mt-2 rounded-md border border-accent px-3 py-1.5 font-semibold text-accent">
              {messages.retry}
            </button>
          </div>
        )}
        {data && data.total > 0 && (
          <div className={`mt-6 transition-opacity ${query.isPlaceholderData ? "opacity-60" : ""}`} data-testid="search-results">
            {/* A compact list, best match first: headline and standfirst with the words marked, a small picture when there is one. */}
            <ol className="max-w-3xl border-t border-rule">
              {items.map((a) => (
                <li key={a.slug} className="border-b border-rule py-4">
                  <ArticleCard article={a} highlight={data.terms} variant="row" liveTime={liveCardTime} />
                </li>
              ))}
            </ol>
          </div>
        )}
        {query.isFetchNextPageError && (
          <p role="alert" className="mt-6 text-sm">
            {messages.moreFailed}
          </p>
        )}
        {data && query.hasNextPage && (
          <p className="mt-8 text-center">
            {/* A real link: without JavaScript it opens the same results with one more page. */}
            <a
              href={searchHref(q, shownPages + 1)}
              onClick={(e) => {
                e.preventDefault();
                void query.fetchNextPage();
              }}
              className="inline-block rounded-md bg-accent px-6 py-3 font-semibold text-accent-ink"
              aria-disabled={query.isFetchingNextPage}
            >
              {query.isFetchingNextPage ? messages.loading : formatMessage(messages.more, { count: data.total - items.length })}
            </a>
          </p>
        )}
        {data && data.total === 0 && <p className="mt-4 text-muted">{messages.emptyHint}</p>}
      </section>
    </>
  );
}
