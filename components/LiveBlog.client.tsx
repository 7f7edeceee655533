"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/fetch-json";
import { applyDelta, initialModel, oldestShown, revealPending, visibleKeyEvents, type LiveModel } from "@/lib/live/reconcile";
import { publishLiveStatus, useNow } from "@/lib/live/client-state";
import { updateAnchor } from "@/lib/live/paging";
import { formatMessage } from "@/lib/i18n/client-format";
import type { LiveDelta, LiveInitial, LiveMessages } from "@/lib/live/types";
import { QueryProvider } from "./QueryProvider.client";
import { LiveKeyEvents } from "./LiveKeyEvents";
import { LiveUpdateItem } from "./LiveUpdateItem";

/** How often an open front page asks for what changed (docs/decisions/0101). */
export const POLL_INTERVAL_MS = 12_000;
/** Errors double the wait, up to this. */
export const MAX_POLL_INTERVAL_MS = 120_000;

/**
 * The live part of a live blog's page: key events, the pinned update and the updates — all in the
 * server HTML — and, on the front page of a running blog, the poller that keeps them current
 * without a reload. Laid out in the page's grid (`display: contents`): key events in the start
 * column, updates in the main one.
 */
export function LiveBlog({ initial, messages, footer }: { initial: LiveInitial; messages: LiveMessages; footer?: ReactNode }) {
  return (
    <QueryProvider>
      <LiveBlogBody initial={initial} messages={messages} footer={footer} />
    </QueryProvider>
  );
}

/** The delta endpoint, every POLL_INTERVAL_MS while the tab is visible, on focus, slower after errors. */
function usePolling(slug: string, model: React.RefObject<LiveModel>, onDelta: (delta: LiveDelta) => void, enabled: boolean) {
  const failures = useRef(0);
  const [failing, setFailing] = useState(false);
  const query = useQuery({
    queryKey: ["live", slug],
    queryFn: async ({ signal }) => {
      const since = oldestShown(model.current);
      const url = `/api/live/${encodeURIComponent(slug)}?after=${encodeURIComponent(model.current.version)}${since ? `&since=${encodeURIComponent(since)}` : ""}`;
      try {
        const delta = await fetchJson<LiveDelta>(url, signal);
        failures.current = 0;
        setFailing(false);
        return delta;
      } catch (error) {
        failures.current++;
        if (failures.current >= 2) setFailing(true);
        throw error;
      }
    },
    // What the server rendered is the first answer: the first request goes out one interval later.
    initialData: () => ({ version: model.current.version, status: model.current.status, unchanged: true as const }),
    initialDataUpdatedAt: () => Date.now(),
    enabled,
    refetchInterval: () => (enabled ? Math.min(POLL_INTERVAL_MS * 2 ** failures.current, MAX_POLL_INTERVAL_MS) : false),
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: true,
    refetchOnReconnect: true,
    refetchOnMount: false,
    staleTime: 5_000,
    retry: false,
  });
  const applied = useRef(query.dataUpdatedAt);
  useEffect(() => {
    if (query.data && query.dataUpdatedAt !== applied.current) {
      applied.current = query.dataUpdatedAt;
      onDelta(query.data);
    }
  });
  // When the last poll settled (answered or failed): the next wait is timed from it.
  return { failing: enabled && failing, settledAt: Math.max(query.dataUpdatedAt, query.errorUpdatedAt) };
}

function LiveBlogBody({ initial, messages: m, footer }: { initial: LiveInitial; messages: LiveMessages; footer?: ReactNode }) {
  const [model, setModel] = useState(() => initialModel(initial));
  const modelRef = useRef(model);
  const listRef = useRef<HTMLDivElement>(null);
  const focusNext = useRef<string | null>(null);
  const [announcement, setAnnouncement] = useState({ text: "", n: 0 });
  const now = useNow(initial.renderedAt);
  const announce = (text: string) => setAnnouncement((a) => ({ text, n: a.n + 1 }));
  const commit = (next: LiveModel) => {
    modelRef.current = next;
    setModel(next);
  };

  const { failing, settledAt } = usePolling(
    initial.slug,
    modelRef,
    (delta) => {
      // At the top: the start of the list is in view or below it, so nothing being read moves.
      const top = listRef.current?.getBoundingClientRect().top ?? 0;
      const result = applyDelta(modelRef.current, delta, top >= 0);
      commit(result.model);
      publishLiveStatus(initial.slug, result.model.status);
      if (result.ended) announce(m.ended);
      else if (result.added.length === 1) announce(formatMessage(m.arrivedOne, { headline: result.added[0].headline }));
      else if (result.added.length) announce(formatMessage(m.arrived, { count: result.added.length }));
      else if (result.held.length) announce(formatMessage(m.waiting, { count: result.model.pending.length }));
    },
    initial.poll && !model.status.ended,
  );

  // Hydrated, and (on a running blog's front page) polling: tests wait for this.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);

  // "(N) Title" while updates wait behind the button.
  const baseTitle = useRef<string | null>(null);
  useEffect(() => {
    baseTitle.current ??= document.title.replace(/^\(\d+\) /, "");
    document.title = model.pending.length ? `(${model.pending.length}) ${baseTitle.current}` : baseTitle.current;
  }, [model.pending.length]);

  // After "Show N new updates": to the first of them, with focus (screen readers start reading there).
  useEffect(() => {
    const id = focusNext.current;
    if (!id) return;
    focusNext.current = null;
    const el = document.getElementById(updateAnchor(id));
    if (!el) return;
    const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    el.scrollIntoView({ block: "start", behavior: smooth ? "smooth" : "auto" });
    el.focus({ preventScroll: true });
  }, [model.shown]);

  const reveal = () => {
    const n = modelRef.current.pending.length;
    focusNext.current = modelRef.current.pending[0]?.id ?? null;
    commit(revealPending(modelRef.current));
    announce(formatMessage(m.showing, { count: n }));
  };

  const arrived = new Set(model.arrived);
  const item = (v: LiveInitial["updates"][number], level: 2 | 3 = 3) => (
    <LiveUpdateItem key={v.id} update={v} now={now} messages={m} arrived={arrived.has(v.id)} headingLevel={level} />
  );

  return (
    <div className="contents">
      <aside className="mb-8 lg:col-start-1 lg:row-start-1 lg:row-end-3 lg:mb-0 lg:mt-5">
        <div className="lg:sticky lg:top-6 lg:max-h-[calc(100vh-3rem)] lg:overflow-y-auto">
          <LiveKeyEvents events={visibleKeyEvents(model)} messages={m} />
        </div>
      </aside>
      <div className="min-w-0 lg:col-start-2 lg:row-start-2">
        {model.pinned && (
          <section aria-labelledby="pinned-title" className="mb-6 rounded-lg border-s-4 border-live bg-panel px-4 sm:px-6" data-testid="pinned-update">
            <p id="pinned-title" className="pt-4 text-xs font-bold uppercase tracking-wide text-live">
              {m.pinned}
            </p>
            <div className="[&>article]:border-t-0 [&>article]:pt-2">{item(model.pinned)}</div>
          </section>
        )}
        {/* Fixed on screen; placed here so it comes just before the updates in the tab order. */}
        {model.pending.length > 0 && (
          <div className="no-print pointer-events-none fixed inset-x-0 top-3 z-40 flex justify-center px-4">
            <button
              type="button"
              onClick={reveal}
              className="pointer-events-auto rounded-full bg-live px-5 py-2.5 text-sm font-bold text-live-ink shadow-lg ring-2 ring-paper hover:brightness-110"
            >
              <span aria-hidden="true">↑ </span>
              {formatMessage(m.showNewUpdates, { count: model.pending.length })}
            </button>
          </div>
        )}
        <h2 className="sr-only">{m.updatesHeading}</h2>
        <div ref={listRef} data-testid="live-updates" data-live-ready={ready ? (initial.poll && !model.status.ended ? "polling" : "static") : undefined} data-live-settled={ready ? settledAt : undefined}>
          {model.shown.map((v) => item(v))}
        </div>
        {footer}
      </div>
      {failing && (
        <p className="no-print fixed bottom-4 start-4 z-40 rounded-md border border-rule bg-paper px-4 py-2 text-sm shadow-lg">{m.connectionLost}</p>
      )}
      <p role="status" aria-live="polite" className="sr-only" data-testid="live-announcer">
        {announcement.text}
        {announcement.n % 2 ? "\u200b" : ""}
      </p>
    </div>
  );
}
