/**
 * Headers that are Next's or this server's own business and must not reach readers (issue 27,
 * item 9): they name internal routes (`x-middleware-rewrite: /article-pages/<slug>`), the proxy's
 * policy hand-over and the state of our caches. Removed from every response as its head is
 * written, whoever set them — Next, the finishing step or the response cache (response.ts) — and
 * again in the edge's vcl_deliver (deploy/varnish/default.vcl).
 *
 * Next's client router reads four of Next's headers on the answers to its own (RSC) requests: those
 * stay on RSC answers only. `x-masthead-cache` (hit, miss, bypass: the response cache's state) is
 * sent only when MASTHEAD_DEBUG_HEADERS=1 (the e2e suite and `npm run bench` set it).
 */
import type { IncomingHttpHeaders, OutgoingHttpHeader, OutgoingHttpHeaders } from "node:http";
import { CACHE_POLICY_HEADER } from "../lib/request/http";
import { PEER_ADDRESS_HEADER } from "../lib/access/rate-limit";

type Env = Record<string, string | undefined>;

/** The response cache's state (hit, miss, bypass), for tests and benchmarks only. */
export const CACHE_STATE_HEADER = "x-masthead-cache";

/** Never sent. */
const ALWAYS = ["x-matched-path", "x-nextjs-cache", CACHE_POLICY_HEADER, PEER_ADDRESS_HEADER, "x-invoke-path", "x-invoke-query", "x-invoke-status"];
/** Sent only on the answer to an RSC request, where Next's client router reads them. */
const RSC_ONLY = ["x-nextjs-rewritten-path", "x-nextjs-rewritten-query", "x-nextjs-stale-time", "x-nextjs-prerender", "x-nextjs-postponed"];

/** The names to remove from the answer to a request with these headers. */
export function internalHeaderNames(requestHeaders: IncomingHttpHeaders = {}, env: Env = process.env): string[] {
  return [...internalSet(requestHeaders, env)];
}

/**
 * The four possible sets (an RSC request or not, debug headers or not), made once: every head the
 * server writes asks about each of its headers (a CPU profile of the cached article found a new
 * list made per header of every response).
 */
const SETS = new Map<string, ReadonlySet<string>>();
let processDebug: boolean | undefined;
function internalSet(requestHeaders: IncomingHttpHeaders, env: Env): ReadonlySet<string> {
  const rsc = requestHeaders.rsc !== undefined;
  // process.env is read through a C++ interceptor on each access: the server's own is read once.
  const debug = env === process.env ? (processDebug ??= env.MASTHEAD_DEBUG_HEADERS === "1") : env.MASTHEAD_DEBUG_HEADERS === "1";
  const key = `${rsc ? 1 : 0}${debug ? 1 : 0}`;
  let set = SETS.get(key);
  if (!set) {
    set = new Set([...ALWAYS, ...(rsc ? [] : RSC_ONLY), ...(debug ? [] : [CACHE_STATE_HEADER])]);
    SETS.set(key, set);
  }
  return set;
}

/** True for a header name no reader gets, whatever the request (every `x-middleware-*` too). */
export function isInternalHeader(name: string, requestHeaders: IncomingHttpHeaders = {}, env: Env = process.env): boolean {
  const n = String(name).toLowerCase();
  return n.startsWith("x-middleware-") || internalSet(requestHeaders, env).has(n);
}

/** Headers as writeHead takes them: an object, or [name, value, name, value…]. */
export type HeadHeaders = OutgoingHttpHeaders | OutgoingHttpHeader[];

/**
 * Drops the internal headers from a response about to write its head: those set on it, and those
 * given to writeHead (changed in place).
 */
export function dropInternalHeaders(
  res: { getHeaderNames(): string[]; removeHeader(name: string): void },
  given: HeadHeaders | undefined,
  requestHeaders: IncomingHttpHeaders,
  env: Env = process.env,
): void {
  const internal = internalSet(requestHeaders, env);
  const drop = (name: string) => {
    const n = name.toLowerCase();
    return n.startsWith("x-middleware-") || internal.has(n);
  };
  for (const name of res.getHeaderNames()) if (drop(name)) res.removeHeader(name);
  if (Array.isArray(given)) {
    const kept: OutgoingHttpHeader[] = [];
    for (let i = 0; i < given.length; i += 2) if (!drop(String(given[i]))) kept.push(given[i], given[i + 1]);
    given.splice(0, given.length, ...kept);
  } else if (given) {
    for (const name of Object.keys(given)) if (drop(name)) delete given[name];
  }
}
