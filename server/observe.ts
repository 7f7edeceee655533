/**
 * One observation per request made to the production server: a request id, and when the response
 * is done (or the client went away), one JSON log line and the request metrics (docs/decisions/0140).
 *
 * - The request id is the edge's `X-Request-Id` when it sent a plausible one (Varnish sets it:
 *   deploy/varnish/default.vcl), else a new UUID; it is put back on the request, so Next's code
 *   (the webhook's publish trail…) logs the same id. It is not echoed in the response: the edge
 *   would store it with the page.
 * - The path is logged without its query string, and bounded; the route kind and the cache outcome
 *   come from what the response already says (its Surrogate-Key and X-Masthead-Cache headers), so the
 *   hot path (a response-cache hit) does no extra work before it sends.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import type { Logger } from "../lib/observability/log.mjs";
import { CACHE_STATE_HEADER } from "./internal-headers";
import { TAGS_HEADER } from "./finish";
import { BEACON_PATH } from "../lib/audience/protocol.mjs";

export const REQUEST_ID_HEADER = "x-request-id";
/** What an id from the edge may look like: short, printable, no spaces, no `@` (never an address). */
const PLAUSIBLE_ID = /^[A-Za-z0-9._:+=/-]{1,128}$/;
const MAX_PATH = 256;

/** Set on a response the response cache answered with a version past its lifetime. */
export const STALE = Symbol("masthead.stale");
/** Set on a response Next sends as it is (no capture). */
export const PASSED = Symbol("masthead.passed");
/** Set on a response with Next's own cache outcome (x-nextjs-cache: HIT, STALE, MISS). */
export const NEXT_CACHE = Symbol("masthead.nextCache");

/** What the server notes on a response for its observation. */
export type Observed = ServerResponse & { [STALE]?: boolean; [PASSED]?: boolean; [NEXT_CACHE]?: string };

export interface RequestRecord {
  requestId: string;
  method: string | undefined;
  path: string;
  status: number;
  ms: number;
  cache: string;
  kind: string;
  next?: string;
  aborted?: boolean;
}

/** The request id to use: the edge's when plausible, else a new one. */
export function requestId(header: unknown): string {
  return typeof header === "string" && PLAUSIBLE_ID.test(header) ? header : randomUUID();
}

/** The path of a request URL without its query string, bounded (for logs; never the query). */
export function loggedPath(url = "/"): string {
  const q = url.indexOf("?");
  const path = q >= 0 ? url.slice(0, q) : url;
  return path.length > MAX_PATH ? `${path.slice(0, MAX_PATH)}…` : path;
}

/** Kinds a page's Surrogate-Key names, most specific first (lib/request/cache-tags.ts). */
const TAG_KINDS: [string, RegExp][] = [
  ["sitemap", /(?:^|\s)sitemap(?::|\s|$)/],
  ["feed", /(?:^|\s)feed(?:\s|$)/],
  ["article", /(?:^|\s)article:/],
  ["section", /(?:^|\s)section:/],
  ["author", /(?:^|\s)author:/],
  ["tag", /(?:^|\s)tag:/],
  ["page", /(?:^|\s)page:/],
  ["corrections", /(?:^|\s)corrections(?:\s|$)/],
  ["home", /(?:^|\s)home(?:\s|$)/],
];

/**
 * A bounded name for what was asked (a label of the request metrics, a field of the request log):
 * asset, image, health, beacon, webhook, api, search, redirect, not-found, the page kinds, or other.
 */
export function routeKind(path: string, surrogateKey: unknown, status: number): string {
  if (path.startsWith("/_next/")) return path.startsWith("/_next/image") ? "image" : "asset";
  if (path.startsWith("/content-images/") || path.startsWith("/og/")) return "image";
  if (path === "/healthz" || path === "/readyz") return "health";
  if (path.startsWith("/api/")) {
    if (path === BEACON_PATH) return "beacon";
    return path === "/api/revalidate" || path.startsWith("/api/revalidate/") ? "webhook" : "api";
  }
  if (status >= 300 && status < 400 && status !== 304) return "redirect";
  if (status === 404 || status === 410) return "not-found";
  if (surrogateKey) {
    const tags = String(surrogateKey);
    for (const [kind, pattern] of TAG_KINDS) if (pattern.test(tags)) return kind;
  }
  if (path === "/search" || path.startsWith("/search/")) return "search";
  return "other";
}

/**
 * The response-cache outcome of a finished response: hit, stale (a hit on a version past its
 * lifetime while another request fetches the next), miss (asked Next, stored), bypass (asked Next,
 * not storable), pass (sent by Next as it is: assets, images), none (answered by the server itself).
 */
export function cacheOutcome(res: Observed): string {
  const state = res.getHeader(CACHE_STATE_HEADER);
  if (state === "hit") return res[STALE] ? "stale" : "hit";
  if (state) return String(state);
  return res[PASSED] ? "pass" : "none";
}

export function requestObserver({ log, onDone }: { log: Logger; onDone?: (record: RequestRecord) => void }) {
  return function observe(req: IncomingMessage, res: ServerResponse): string {
    const started = performance.now();
    const id = requestId(req.headers[REQUEST_ID_HEADER]);
    req.headers[REQUEST_ID_HEADER] = id;
    const method = req.method;
    const url = req.url;
    res.once("close", () => {
      const status = res.statusCode;
      const path = loggedPath(url);
      const record: RequestRecord = {
        requestId: id,
        method,
        path,
        status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        cache: cacheOutcome(res),
        kind: routeKind(path, res.getHeader(TAGS_HEADER), status),
      };
      const next = (res as Observed)[NEXT_CACHE];
      if (next) record.next = next;
      if (!res.writableFinished) record.aborted = true;
      onDone?.(record);
      // Probes come every few seconds from every edge, and a beacon with every article read (thousands
      // a second at peak): logged only at debug. Each is counted instead — beacons always, by outcome
      // (masthead_beacons_total), every request by kind when metrics are on — and a refused beacon (4xx)
      // is still a line at info (docs/decisions/0200).
      const level = record.kind === "health" || (record.kind === "beacon" && status < 400) ? "debug" : status >= 500 ? "error" : "info";
      if (log.isLevelEnabled(level)) log[level]({ event: "request", ...record }, "request");
    });
    return id;
  };
}

/**
 * The request metrics (lib/observability/metrics.mjs httpMetrics), as an `onDone` for
 * requestObserver. Installed only when the metrics are served (METRICS_PORT).
 */
export async function requestMetrics(): Promise<(record: RequestRecord) => void> {
  const { httpMetrics } = await import("../lib/observability/metrics.mjs");
  const { requests, duration, aborted, nextCache } = httpMetrics();
  return (record) => {
    requests.inc({ kind: record.kind, status: String(record.status), cache: record.cache });
    duration.observe({ kind: record.kind, cache: record.cache }, record.ms / 1000);
    if (record.aborted) aborted.inc({ kind: record.kind });
    if (record.next) nextCache.inc({ outcome: record.next });
  };
}
