"use client";

import { useEffect } from "react";

/**
 * Click-to-load for the embed facades lib/html/media.ts renders in article bodies. Mounted once
 * per body; one delegated listener serves every facade, so the island is a few hundred bytes and
 * renders nothing. Until the reader asks, no request goes to the provider (docs/decisions/0041).
 *
 * A facade: <div class="embed-frame" data-embed-origin data-embed-src data-embed-title …> with a
 * "Play here" button inside (hidden by CSS when scripting is off; its link then does the job).
 */
const PENDING = "masthead:embed";
const SANDBOX = "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-presentation";
const ALLOW = "autoplay; encrypted-media; fullscreen; picture-in-picture; clipboard-write";

const frames = () => [...document.querySelectorAll<HTMLElement>(".embed-frame[data-embed-src]")];

/**
 * The CSP in force is the one sent with the document's first page. After a client-side navigation
 * it may not list this page's frame origins, so the page is loaded for real first.
 */
function underThisPagesPolicy(): boolean {
  const entry = performance.getEntriesByType("navigation")[0];
  try {
    return !entry || new URL(entry.name).pathname === location.pathname;
  } catch {
    return true;
  }
}

function activate(frame: HTMLElement): void {
  const { embedSrc, embedOrigin, embedTitle, embedHeight } = frame.dataset;
  let url: URL;
  try {
    url = new URL(embedSrc ?? "");
  } catch {
    return;
  }
  if (url.protocol !== "https:" || url.origin !== embedOrigin) return;
  if (!underThisPagesPolicy()) {
    sessionStorage.setItem(PENDING, JSON.stringify({ path: location.pathname, index: frames().indexOf(frame) }));
    location.reload();
    return;
  }
  const iframe = document.createElement("iframe");
  iframe.src = url.href;
  iframe.title = embedTitle ?? "";
  iframe.className = "embed-iframe";
  iframe.allow = ALLOW;
  iframe.allowFullscreen = true;
  iframe.referrerPolicy = "strict-origin-when-cross-origin";
  iframe.setAttribute("sandbox", SANDBOX);
  if (Number(embedHeight) > 0) iframe.style.height = `${Number(embedHeight)}px`;
  // Mastodon's embed page reports its height only when asked.
  if (frame.closest("[data-embed-provider=mastodon]")) {
    iframe.addEventListener("load", () => iframe.contentWindow?.postMessage({ type: "setHeight", id: 1 }, url.origin));
  }
  frame.replaceChildren(iframe);
  frame.dataset.embedLoaded = "";
  iframe.focus();
}

/** The height a provider's frame asks for (X, Datawrapper, Instagram, Bluesky, Mastodon, Flourish). */
function requestedHeight(data: unknown): number {
  let d = data;
  if (typeof d === "string") {
    try {
      d = JSON.parse(d);
    } catch {
      return 0;
    }
  }
  if (!d || typeof d !== "object") return 0;
  const o = d as Record<string, unknown> & { details?: { height?: unknown } };
  const x = o["twttr.embed"] as { method?: string; params?: { height?: unknown }[] } | undefined;
  const chart = o["datawrapper-height"];
  const value =
    x?.method === "twttr.private.resize"
      ? x.params?.[0]?.height
      : chart && typeof chart === "object"
        ? Object.values(chart)[0]
        : o.type === "MEASURE"
          ? o.details?.height
          : o.height;
  const n = Number(value);
  return Number.isFinite(n) ? Math.min(3000, Math.max(80, Math.round(n))) : 0;
}

export function EmbedLoader() {
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const button = (event.target as Element | null)?.closest?.("button[data-embed-load]");
      const frame = button?.closest<HTMLElement>(".embed-frame");
      if (frame) activate(frame);
    };
    const onMessage = (event: MessageEvent) => {
      const iframe = [...document.querySelectorAll<HTMLIFrameElement>(".embed-frame > iframe")].find((f) => f.contentWindow === event.source);
      if (!iframe || new URL(iframe.src).origin !== event.origin || iframe.closest(".embed-video")) return;
      const height = requestedHeight(event.data);
      if (height) iframe.style.height = `${height}px`;
    };
    document.addEventListener("click", onClick);
    window.addEventListener("message", onMessage);
    // The reader asked for an embed on a page reached by client-side navigation: load it now.
    const pending = sessionStorage.getItem(PENDING);
    if (pending) {
      sessionStorage.removeItem(PENDING);
      try {
        const { path, index } = JSON.parse(pending) as { path: string; index: number };
        const frame = path === location.pathname ? frames()[index] : undefined;
        if (frame) {
          frame.scrollIntoView({ block: "center" });
          activate(frame);
        }
      } catch {
        /* stale or foreign value: ignore */
      }
    }
    return () => {
      document.removeEventListener("click", onClick);
      window.removeEventListener("message", onMessage);
    };
  }, []);
  return null;
}
