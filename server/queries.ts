/**
 * Which parameters of a query reach Next (issue 27, item 3). Pages read no parameter: `utm_*`,
 * `fbclid`, `cb=N` and the like change nothing they render, so they are dropped and every spelling
 * is one cached version (here, and in deploy/varnish/default.vcl). The pages that read parameters
 * are listed in PAGE_PARAMETERS with exactly those: the search page's `q` and `page` are kept
 * normalised (whitespace collapsed, one value each, a fixed order and encoding), so each distinct
 * search is one cached version too; the thank-you page of reader revenue keeps Stripe's
 * `session_id`; a newsletter reader's preferences and unsubscribe pages their signed `token` (and
 * `list`). A new page that reads a parameter is added there (and to the VCL). The JSON API and Next's own endpoints (/_next/image) validate their parameters themselves and get the query as sent.
 */
import type { IncomingHttpHeaders } from "node:http";
import { MAX_QUERY_LENGTH } from "../lib/api/limits";

/** A newsletter link's `token` (lib/newsletters/service.ts readerLinks), bounded. */
function newsletterToken(params: URLSearchParams): string[] {
  const token = params.get("token") ?? "";
  return token && token.length <= 512 ? [`token=${encodeURIComponent(token)}`] : [];
}

/** The pages that read parameters: the `name=value` pairs each keeps, in its one spelling. */
export const PAGE_PARAMETERS: Record<string, (params: URLSearchParams) => string[]> = {
  "/search": (params) => {
    const q = normaliseSearchTerms(params.get("q") ?? "");
    const page = params.get("page") ?? "";
    if (!q) return [];
    return [`q=${encodeURIComponent(q)}`, ...(/^(?:[2-9]|10)$/.test(page) ? [`page=${page}`] : [])];
  },
  // A newsletter reader's signed link (app/newsletters/preferences, unsubscribe: verified there, never cached).
  "/newsletters/preferences": (params) => [...newsletterToken(params), ...(params.get("saved") === "1" ? ["saved=1"] : [])],
  "/newsletters/unsubscribe": (params) => {
    const list = params.get("list") ?? "";
    return [...newsletterToken(params), ...(/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(list) && list.length <= 64 ? [`list=${list}`] : [])];
  },
  // Stripe Checkout's session id (app/support/thank-you: read from Stripe, never trusted).
  "/support/thank-you": (params) => {
    const id = params.get("session_id") ?? "";
    return /^[\w-]{1,255}$/.test(id) ? [`session_id=${id}`] : [];
  },
};

/** True for addresses whose parameters are passed on as sent. */
export function keepsQuery(path: string): boolean {
  return path.startsWith("/api/") || path.startsWith("/_next/");
}

/** The search page's query in its one spelling: "  Harbour   talks " → "Harbour talks". */
export function normaliseSearchTerms(q = ""): string {
  return q.replace(/\s+/g, " ").trim().slice(0, MAX_QUERY_LENGTH).trim();
}

/**
 * The target Next sees for `path` and the raw `query` (without "?"). Next's RSC cache-busting
 * parameter `_rsc` is kept on RSC requests (the client router checks it), dropped elsewhere.
 */
export function normaliseQuery(path: string, query: string, headers: IncomingHttpHeaders = {}): string {
  if (!query) return path;
  if (keepsQuery(path)) return `${path}?${query}`;
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(query);
  } catch {
    return path;
  }
  const kept = PAGE_PARAMETERS[path]?.(params) ?? [];
  if (headers.rsc !== undefined && params.has("_rsc")) kept.push(`_rsc=${encodeURIComponent(params.get("_rsc") ?? "")}`);
  return kept.length ? `${path}?${kept.join("&")}` : path;
}
