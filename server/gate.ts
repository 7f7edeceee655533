/**
 * The door of the production server (issue 27): what is refused, redirected or rewritten before
 * anything routes, and before a byte of any body is read.
 * - An address longer than any of ours (414), a backslash (400: WHATWG URL parsing turns "/\host"
 *   into another origin, so a redirect must never copy one), a dot segment in any spelling
 *   ("..", "%2e%2e", ".%2E" — 400: no page has one, and Next would resolve it past the proxy and
 *   the finishing step).
 * - Pages answer GET and HEAD only: any other method is a 405 before the body is read (Next's proxy
 *   buffers whatever body a page request carries). /api/ routes take their own methods, but no
 *   announced body over MAX_BODY_BYTES reaches them (413); each route bounds what it reads by bytes
 *   read as well (lib/request/http.ts#readLimitedText; bodies.ts for handlers of this server).
 * - A path with percent-encoded unreserved characters ("/%6Eews") is the same address as its plain
 *   spelling (RFC 3986 §6.2.2.2): a 301 to that one, so no cache holds the page twice.
 * - The query: pages that read none get none (tracking and cache-busting parameters change nothing
 *   they render, so every spelling is one cached version); /search keeps exactly `q` and `page`,
 *   normalised (queries.ts).
 */
import type { IncomingHttpHeaders } from "node:http";
import { normaliseQuery } from "./queries";

/** Longest path any page of ours has is far below this; Varnish's header limit is 8 KB. */
export const MAX_PATH_LENGTH = 1024;
/** Path and query together. A redirect copies the query, so its Location stays below this too. */
export const MAX_TARGET_LENGTH = 4096;
/** The largest body announced to an /api/ route that the server lets in: above every route's own limit (the Stripe webhook takes 256 KB). */
export const MAX_BODY_BYTES = 1024 * 1024;

const PAGE_METHODS = "GET, HEAD";
const UNRESERVED_ENCODED = /%(?:2[de]|3[0-9]|4[1-9a-f]|5[0-9a]|5f|6[1-9a-f]|7[0-9a]|7e)/gi;

/** What the door answers itself: a refusal, the one spelling of an address, or the target to go on with. */
export type DoorAnswer =
  | { status: Refusal; message: string; headers: Record<string, string> }
  | { status: 301; location: string }
  | { status?: undefined; url: string };
type Refusal = 400 | 405 | 413 | 414;

/** True when the request announces or streams a body. */
export function hasBody(headers: IncomingHttpHeaders): boolean {
  const length = headers["content-length"];
  return (length !== undefined && length !== "0") || headers["transfer-encoding"] !== undefined;
}

/**
 * What the server answers itself, or null to go on. `{ status, message, headers }` for a refusal,
 * `{ status: 301, location }` for the one spelling of an address, `{ url }` when the request goes on
 * with another target (its query normalised).
 */
export function gate({ method = "GET", url = "/", headers = {} }: { method?: string; url?: string; headers?: IncomingHttpHeaders }): DoorAnswer | null {
  if (!url.startsWith("/")) return null; // absolute-form and "*": Next answers those (400/404)
  const q = url.indexOf("?");
  const path = q >= 0 ? url.slice(0, q) : url;
  const query = q >= 0 ? url.slice(q + 1) : "";
  if (url.length > MAX_TARGET_LENGTH || path.length > MAX_PATH_LENGTH) return refuse(414, "Address too long.");
  // Most addresses have no escape and no dot: those skip the work (every request passes here).
  const escaped = path.includes("%");
  let decoded = path;
  if (escaped) {
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return refuse(400, "Bad request: the address is not valid UTF-8.");
    }
  }
  if (decoded.includes("\\")) return refuse(400, "Bad request: backslashes have no place in an address.");
  if (decoded.includes(".") && decoded.split("/").some((segment) => segment === "." || segment === "..")) return refuse(400, "Bad request: the address has dot segments.");

  const api = path.startsWith("/api/");
  if (method !== "GET" && method !== "HEAD" && !api) {
    return refuse(405, "Method not allowed.", { allow: PAGE_METHODS, ...(hasBody(headers) ? { connection: "close" } : {}) });
  }
  if (api && hasBody(headers)) {
    const length = headers["content-length"];
    if (length !== undefined && (!/^\d{1,15}$/.test(String(length)) || Number(length) > MAX_BODY_BYTES)) {
      return refuse(413, `Body too large (at most ${MAX_BODY_BYTES} bytes).`, { connection: "close" });
    }
  }

  // One spelling per address: unreserved characters plain, no trailing slash (permanent, as every
  // redirect here). Never "//host": leading slashes collapse to one.
  const plain = escaped ? path.replace(UNRESERVED_ENCODED, (m) => String.fromCharCode(parseInt(m.slice(1), 16))) : path;
  const trimmed = plain.length > 1 && plain.endsWith("/") ? `/${plain.replace(/^\/+|\/+$/g, "")}` : plain;
  if (trimmed !== path) return { status: 301, location: query ? `${trimmed}?${query}` : trimmed };

  const normalised = normaliseQuery(path, query, headers);
  return normalised === url ? null : { url: normalised };
}

function refuse(status: Refusal, message: string, headers: Record<string, string> = {}): DoorAnswer {
  return { status, message: `${message}\n`, headers };
}
