/**
 * Browser-side helpers of the live blog's islands: the coverage status the poller learns, shared
 * with the status line in the header (two islands, one page), and a clock for relative times that
 * starts from the server's render time (so hydration matches) and then ticks, and lists of authors.
 * No server imports.
 */
import { Fragment, createElement, useEffect, useState, useSyncExternalStore } from "react";
import type { LiveStatusView } from "./types";

const statuses = new Map<string, LiveStatusView>();
const listeners = new Set<() => void>();

export function publishLiveStatus(slug: string, status: LiveStatusView): void {
  const current = statuses.get(slug);
  if (current && current.ended === status.ended && current.lastUpdated === status.lastUpdated && current.endedAt === status.endedAt) return;
  statuses.set(slug, status);
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The latest status the poller published for this blog, else what the server rendered. */
export function useLiveStatus(slug: string, initial: LiveStatusView): LiveStatusView {
  return useSyncExternalStore(
    subscribe,
    () => statuses.get(slug) ?? initial,
    () => initial,
  );
}

/** Milliseconds since the epoch: `renderedAt` for the first render, then the real clock every `tickMs`. */
export function useNow(renderedAt: string, tickMs = 30_000): number {
  const [now, setNow] = useState(() => Date.parse(renderedAt));
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), tickMs);
    return () => clearInterval(timer);
  }, [tickMs]);
  return now;
}

/** "A, B and C" as React nodes, with the language's own conjunction (Intl.ListFormat, browser-safe). */
export function nodeList(locale: string, nodes: React.ReactNode[]): React.ReactNode {
  const parts = new Intl.ListFormat(locale, { type: "conjunction" }).formatToParts(nodes.map((_, i) => `\u0000${i}\u0000`));
  return createElement(Fragment, null, ...parts.map((part, i) => createElement(Fragment, { key: i }, part.type === "element" ? nodes[Number(part.value.slice(1, -1))] : part.value)));
}
