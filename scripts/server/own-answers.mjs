// Answers the production server makes itself, before Next (a malformed path, a trailing slash, a
// method Next cannot take, a request Node rejects): they carry the site's security headers, taken
// from the build's routes manifest — that is, from next.config.ts and lib/security-headers.ts, one
// source — and are never cached.
import fs from "node:fs";
import path from "node:path";
import { STATUS_CODES } from "node:http";
import { distDirName } from "../../lib/config/env.mjs";
import { CACHE_POLICY } from "../../lib/cache-policy.mjs";

const FALLBACK_HEADERS = { "content-security-policy": "default-src 'none'; frame-ancestors 'none'", "x-content-type-options": "nosniff", "x-frame-options": "DENY" };

/** Node's fetch Request, which Next builds for every request, refuses these methods (a 500); they mean nothing here. */
export const REFUSED_METHODS = new Set(["TRACE", "TRACK", "CONNECT"]);

/** The own answers of the build served from `dir` (its MASTHEAD_DIST_DIR: each site's build has its own headers). */
export function ownAnswers(dir) {
  // Only the site-wide rules: those that apply to "/".
  const rules = (() => {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, distDirName(), "routes-manifest.json"), "utf8"));
      return manifest.headers.filter((rule) => !rule.missing && new RegExp(rule.regex).test("/"));
    } catch {
      return [];
    }
  })();

  const applies = (rule, requestHeaders) =>
    (rule.has ?? []).every(
      (c) => c.type === "header" && (c.value === undefined ? requestHeaders[c.key] !== undefined : new RegExp(`^(?:${c.value})$`).test(String(requestHeaders[c.key] ?? ""))),
    );
  const conditional = rules.filter((rule) => rule.has?.length);
  /** Names of the headers that depend on the request (HSTS): a stored response must not keep them. */
  const perRequestNames = new Set(conditional.flatMap((rule) => rule.headers.map(({ key }) => key.toLowerCase())));

  /** The request-dependent headers (`has` rules: HSTS over HTTPS) for this request. */
  function perRequest(requestHeaders = {}) {
    const out = {};
    for (const rule of conditional) if (applies(rule, requestHeaders)) for (const { key, value } of rule.headers) out[key.toLowerCase()] = value;
    return out;
  }

  /** The headers of an answer of our own; `requestHeaders` decides the `has` rules (HSTS), when known. */
  function headers(requestHeaders = {}) {
    const out = {};
    for (const rule of rules) {
      if (applies(rule, requestHeaders)) for (const { key, value } of rule.headers) out[key.toLowerCase()] = value;
    }
    if (!out["content-security-policy"]) Object.assign(out, FALLBACK_HEADERS);
    delete out["cache-control"];
    return { ...out, "content-type": "text/plain; charset=utf-8", "cache-control": CACHE_POLICY.noStore };
  }

  /** Writes a whole answer straight to a socket (there is no response object) and closes it. */
  function onSocket(socket, status, extra = {}) {
    const body = `${STATUS_CODES[status]}.\n`;
    const all = { ...headers(), ...extra, "content-length": Buffer.byteLength(body), connection: "close" };
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${Object.entries(all).map(([k, v]) => `${k}: ${v}`).join("\r\n")}\r\n\r\n${body}`);
  }

  return { headers, onSocket, perRequest, perRequestNames };
}
