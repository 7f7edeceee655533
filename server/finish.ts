/**
 * How the production server finishes a response Next produced, before it is sent or stored: the cache
 * policy the proxy decided, the page's own Content-Security-Policy, the status for failures. Pure
 * functions of the response, never of the request, so a shared cache can hold the result
 * (docs/decisions/0007, 0012).
 */
import { createHash } from "node:crypto";
import type { OutgoingHttpHeader } from "node:http";
import { frameSourcesFromHtml } from "../lib/embeds/csp.mjs";
import { CACHE_POLICY, LIFETIME } from "../lib/request/cache-policy.mjs";
import { CACHE_POLICY_HEADER, RETRY_AFTER_SECONDS } from "../lib/request/http";
import { TAGS_HEADER as TAGS } from "../lib/request/cache-tags";
import type { Encoding } from "./encoding";

/** The response header that carries a page's cache tags (lib/request/cache-tags.ts), as Node names it. */
export const TAGS_HEADER = TAGS.toLowerCase();

const INLINE_SCRIPT = /<script(?![^>]*\bsrc\s*=)([^>]*)>([\s\S]*?)<\/script>/gi;
const EXECUTABLE_TYPE = /\btype\s*=\s*["']?(?:text\/javascript|application\/javascript|module)["']?/i;
const ANY_TYPE = /\btype\s*=/i;

/** The hashes of the inline scripts a browser would execute (JSON-LD and other data blocks are not). */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const [, attrs, body] of html.matchAll(INLINE_SCRIPT)) {
    if (ANY_TYPE.test(attrs) && !EXECUTABLE_TYPE.test(attrs)) continue;
    hashes.add(`'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`);
  }
  return [...hashes];
}

/** Adds values to one directive of a CSP. */
export function extendDirective(csp: string, directive: string, values: string[]): string {
  if (!csp || !values.length) return csp;
  const pattern = new RegExp(`(^|;\\s*)${directive}([^;]*)`);
  if (!pattern.test(csp)) return `${csp}; ${directive} ${values.join(" ")}`;
  return csp.replace(pattern, (_, lead: string, existing: string) => {
    const kept = existing.trim() === "'none'" ? [] : existing.trim().split(/\s+/).filter(Boolean);
    return `${lead}${directive} ${[...new Set([...kept, ...values])].join(" ")}`;
  });
}

/**
 * The CSP of an HTML page: the site's base policy (next.config.ts) plus exactly what this page's
 * HTML needs — its inline scripts' hashes, and the origins its embed facades will frame (else
 * frame-src stays 'none').
 */
export function pagePolicy(csp: string, html: string): string {
  return extendDirective(extendDirective(csp, "script-src", inlineScriptHashes(html)), "frame-src", frameSourcesFromHtml(html));
}

/** A strong validator of one version of a response body; each encoding gets its own ETag. */
export function versionTag(body: Buffer): string {
  return createHash("sha1").update(body).digest("base64url").slice(0, 20);
}

export function etagFor(version: string, encoding: Encoding | null): string {
  return `"${version}${encoding ? `-${encoding === "gzip" ? "gz" : encoding}` : ""}"`;
}

/** True when an If-None-Match header names this ETag (or `*`). Weak comparison, as RFC 9110 asks for GET. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  const bare = etag.replace(/^W\//, "");
  return header.split(",").some((t) => t.trim().replace(/^W\//, "") === bare);
}

/** What settleStatusAndPolicy reads and changes of a response. */
export interface Settleable {
  statusCode: number;
  getHeader(name: string): OutgoingHttpHeader | undefined;
  setHeader(name: string, value: OutgoingHttpHeader): unknown;
  removeHeader(name: string): void;
}

/**
 * Headers and status of a finished response, from what Next set: the proxy's cache policy becomes the
 * Cache-Control; a failure to render is a 503 with Retry-After that no cache keeps; a 404 or 410 is
 * never kept longer than LIFETIME.notFound, whoever set its policy.
 */
export function settleStatusAndPolicy(res: Settleable): void {
  const policy = res.getHeader(CACHE_POLICY_HEADER);
  res.removeHeader(CACHE_POLICY_HEADER);
  if (policy && !/\bno-store\b|\bprivate\b/.test(String(res.getHeader("cache-control") ?? ""))) res.setHeader("cache-control", String(policy));
  if (res.statusCode >= 500) {
    res.statusCode = 503;
    res.setHeader("retry-after", String(RETRY_AFTER_SECONDS));
    res.setHeader("cache-control", CACHE_POLICY.noStore);
    res.removeHeader(TAGS_HEADER);
    return;
  }
  if (res.statusCode === 404 || res.statusCode === 410) {
    const cc = String(res.getHeader("cache-control") ?? "");
    const lifetimes = [...cc.matchAll(/\b(?:s-maxage|max-age)=(\d+)/g)].map((m) => Number(m[1]));
    if (!/\bno-store\b|\bprivate\b/.test(cc) && (lifetimes.length === 0 || lifetimes.some((s) => s > LIFETIME.notFound) || /immutable/.test(cc))) {
      res.setHeader("cache-control", CACHE_POLICY.notFound);
    }
    // Its tags stay (proxy.ts gives a 404 those of what may appear at its address), so a publish
    // there purges the 404 from caches in front; the response cache never stores a 404.
  }
}

export const UNAVAILABLE_PAGE = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>Temporarily unavailable</title></head><body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5"><h1>This page is not available right now</h1><p>We could not load it just now. Please try again in a minute; the rest of the site is still here.</p><p><a href="/">Go to the home page</a></p></body></html>`;
