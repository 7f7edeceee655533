"use client";

import { useCallback, useState } from "react";
import { useFetchWhenNear } from "@/components/useFetchWhenNear";
import type { MostReadItem } from "@/lib/audience/most-read";

/**
 * The "Most read" list: rendered on the server (readers without JavaScript get it as it was when the
 * page was made), then brought up to date from /api/most-read/… — a small answer the edge keeps a
 * few seconds — when the list comes within two screens of the reader. It is changed only while it is
 * below the visible part of the page, so nothing the reader sees ever moves (CLS 0).
 */
export function MostReadList({
  endpoint,
  initial,
  limit,
  exclude,
  heading,
  headingId,
  variant,
}: {
  endpoint: string;
  initial: MostReadItem[];
  limit: number;
  exclude?: string;
  heading: string;
  headingId: string;
  variant: "grid" | "column";
}) {
  const [items, setItems] = useState(initial);
  const sentinel = useFetchWhenNear<HTMLDivElement, { items?: MostReadItem[] }>(
    endpoint,
    useCallback(
      (data, marker) => {
        if (!Array.isArray(data?.items)) return;
        if (marker.getBoundingClientRect().top < window.innerHeight) return;
        setItems(data.items.filter((i) => i.slug !== exclude).slice(0, limit));
      },
      [exclude, limit],
    ),
  );

  return (
    <>
      <div ref={sentinel} aria-hidden="true" />
      {items.length > 0 && (
        <section aria-labelledby={headingId} className="no-print border-t border-rule py-8" data-testid="most-read">
          <h2 id={headingId} className="font-serif text-2xl font-bold">
            {heading}
          </h2>
          <ol className={`mt-4 grid gap-x-8 ${variant === "grid" ? "sm:grid-flow-col sm:grid-cols-2 sm:grid-rows-5" : ""}`}>
            {items.map((item, i) => (
              <li key={item.slug} className="border-b border-rule last:border-b-0 sm:[&:nth-child(5)]:border-b-0">
                <a href={item.url} className="group flex items-start gap-4 py-3">
                  <span aria-hidden="true" className="w-8 shrink-0 text-end font-serif text-3xl font-bold leading-none text-accent tabular-nums">
                    {i + 1}
                  </span>
                  <span className="min-w-0">
                    <span className="block text-xs font-bold uppercase tracking-wide text-muted">{item.kicker}</span>
                    <span className="mt-0.5 block font-serif text-lg leading-snug group-hover:underline">{item.title}</span>
                  </span>
                </a>
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}
