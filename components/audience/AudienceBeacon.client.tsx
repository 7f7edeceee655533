"use client";

import { useEffect } from "react";

/** lib/audience/protocol.mjs BEACON_PATH (written out: the browser needs nothing else of that module). */
const BEACON_PATH = "/api/beacon";
/** A read: the page visible this long in all… */
const READ_VISIBLE_MS = 10_000;

type PageType = "article" | "home" | "section";
type Metric = { name: string; value: number };

/** Real-user figures are measured once per document: web-vitals describes the page load, not later client navigations. */
let measuring = false;

function beacon(body: Record<string, string>): void {
  navigator.sendBeacon(BEACON_PATH, new URLSearchParams(body));
}

/**
 * Loads web-vitals once the page has loaded and the browser is idle (its 2 KB never compete with the
 * page), keeps the latest LCP, INP, CLS and TTFB, and sends them in one beacon when the page is
 * first hidden (tab switched, closed, or left).
 */
function measure(pageType: PageType): void {
  if (measuring) return;
  measuring = true;
  const values: Record<string, string> = {};
  let sent = false;
  const report = () => {
    if (sent || Object.keys(values).length === 0) return;
    sent = true;
    beacon({ k: "vitals", t: pageType, ...values });
  };
  const start = () =>
    import("web-vitals")
      .then(({ onCLS, onINP, onLCP, onTTFB }) => {
        const keep = ({ name, value }: Metric) => {
          values[name] = name === "CLS" ? value.toFixed(4) : String(Math.round(value));
        };
        for (const on of [onCLS, onINP, onLCP, onTTFB]) on(keep, { reportAllChanges: true });
        addEventListener("visibilitychange", () => document.visibilityState === "hidden" && report(), true);
        addEventListener("pagehide", report, true);
      })
      .catch(() => {});
  const idle = () => ("requestIdleCallback" in window ? requestIdleCallback(start, { timeout: 5000 }) : setTimeout(start, 2000));
  if (document.readyState === "complete") idle();
  else addEventListener("load", idle, { once: true });
}

/**
 * Counts a read — one beacon per article view, once the reader has read: the page visible for 10
 * seconds in all, or scrolled until the middle of the story is on screen — and measures the page's
 * speed. Nothing is sent under Global Privacy Control. No cookie, no identifier: a read says only
 * which article was read (docs/decisions/0180).
 */
export function AudienceBeacon({ pageType, slug, storyEndId }: { pageType: PageType; slug?: string; storyEndId?: string }) {
  useEffect(() => {
    const nav = navigator as Navigator & { globalPrivacyControl?: boolean };
    if (nav.globalPrivacyControl || typeof nav.sendBeacon !== "function") return;
    measure(pageType);
    if (!slug) return;
    let done = false;
    let visibleMs = 0;
    let since = document.visibilityState === "visible" ? performance.now() : -1;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = () => {
      if (done) return;
      done = true;
      stop();
      beacon({ k: "read", s: slug });
    };
    const schedule = () => {
      clearTimeout(timer);
      if (since >= 0) timer = setTimeout(read, Math.max(0, READ_VISIBLE_MS - visibleMs));
    };
    const onVisibility = () => {
      if (document.visibilityState === "visible") {
        if (since < 0) since = performance.now();
      } else if (since >= 0) {
        visibleMs += performance.now() - since;
        since = -1;
      }
      schedule();
    };
    // The story runs from the top of the page's main content to the marker after its body.
    const onScroll = () => {
      const start = document.getElementById("main");
      const end = storyEndId ? document.getElementById(storyEndId) : null;
      if (!start || !end || window.scrollY <= 0) return;
      if ((start.getBoundingClientRect().top + end.getBoundingClientRect().top) / 2 <= window.innerHeight) read();
    };
    function stop() {
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisibility);
      removeEventListener("scroll", onScroll);
    }
    document.addEventListener("visibilitychange", onVisibility);
    addEventListener("scroll", onScroll, { passive: true });
    schedule();
    // A reader who scrolled before the page was interactive.
    onScroll();
    return stop;
  }, [pageType, slug, storyEndId]);
  return null;
}
