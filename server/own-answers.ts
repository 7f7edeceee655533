/**
 * Answers the production server makes itself, before Next (a malformed path, a trailing slash, a
 * method Next cannot take, a request Node rejects): they carry the site's security headers, taken
 * from the build's routes manifest — that is, from next.config.ts and lib/request/security-headers.ts, one
 * source — and are never cached. The build is the one served (MASTHEAD_DIST_DIR): each site's build
 * has its own headers.
 */
import fs from "node:fs";
import path from "node:path";
import { STATUS_CODES, type IncomingHttpHeaders } from "node:http";
import type { Duplex } from "node:stream";
import { distDirName } from "../lib/config/env.mjs";
import { CACHE_POLICY } from "../lib/request/cache-policy.mjs";

const FALLBACK_HEADERS = { "content-security-policy": "default-src 'none'; frame-ancestors 'none'", "x-content-type-options": "nosniff", "x-frame-options": "DENY" };

/** Node's fetch Request, which Next builds for every request, refuses these methods (a 500); they mean nothing here. */
export const REFUSED_METHODS: ReadonlySet<string> = new Set(["TRACE", "TRACK", "CONNECT"]);

/** A `headers` rule of Next's routes manifest (next.config.ts headers()). */
interface HeaderRule {
  regex: string;
  headers: { key: string; value: string }[];
  has?: { type: string; key: string; value?: string }[];
  missing?: unknown[];
}

export interface OwnAnswers {
  /** The headers of an answer of our own; `requestHeaders` decides the `has` rules (HSTS), when known. */
  headers(requestHeaders?: IncomingHttpHeaders): Record<string, string>;
  /** Writes a whole answer straight to a socket (there is no response object) and closes it. */
  onSocket(socket: Duplex, status: number, extra?: Record<string, string>): void;
  /** The request-dependent headers (`has` rules: HSTS over HTTPS) for this request (read-only). */
  perRequest(requestHeaders?: IncomingHttpHeaders): Readonly<Record<string, string>>;
  /** Names of the headers that depend on the request (HSTS): a stored response must not keep them. */
  perRequestNames: ReadonlySet<string>;
}

/** The own answers of the build served from `dir` (in its MASTHEAD_DIST_DIR). */
export function ownAnswers(dir: string): OwnAnswers {
  // Only the site-wide rules: those that apply to "/".
  const rules = ((): HeaderRule[] => {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, distDirName(), "routes-manifest.json"), "utf8")) as { headers: HeaderRule[] };
      return manifest.headers.filter((rule) => !rule.missing && new RegExp(rule.regex).test("/"));
    } catch {
      return [];
    }
  })();

  // The rules that depend on the request (`has`: HSTS when the edge says it was HTTPS), each with its
  // tests compiled once. What the headers are depends only on which of them apply, so each outcome
  // is made once and kept (a few at most): the request path asks for them on every own answer.
  const conditional = rules
    .filter((rule) => rule.has?.length)
    .map((rule) => ({
      rule,
      tests: (rule.has ?? []).map((c) => {
        if (c.type !== "header") return () => false;
        if (c.value === undefined) return (h: IncomingHttpHeaders) => h[c.key] !== undefined;
        const pattern = new RegExp(`^(?:${c.value})$`);
        return (h: IncomingHttpHeaders) => pattern.test(String(h[c.key] ?? ""));
      }),
    }));
  const perRequestNames = new Set(conditional.flatMap(({ rule }) => rule.headers.map(({ key }) => key.toLowerCase())));

  /** Which conditional rules apply to this request, as a key ("" when there are none, "0", "1", "01"…). */
  const outcome = (requestHeaders: IncomingHttpHeaders) => {
    let key = "";
    for (const { tests } of conditional) key += tests.every((test) => test(requestHeaders)) ? "1" : "0";
    return key;
  };
  const made = new Map<string, { all: Readonly<Record<string, string>>; perRequest: Readonly<Record<string, string>> }>();

  function forOutcome(key: string) {
    let entry = made.get(key);
    if (!entry) {
      const applies = new Set(conditional.filter((_, i) => key[i] === "1").map(({ rule }) => rule));
      const collect = (from: HeaderRule[]) => {
        const out: Record<string, string> = {};
        for (const rule of from) if (!rule.has?.length || applies.has(rule)) for (const { key: name, value } of rule.headers) out[name.toLowerCase()] = value;
        return out;
      };
      const all = collect(rules);
      if (!all["content-security-policy"]) Object.assign(all, FALLBACK_HEADERS);
      delete all["cache-control"];
      Object.assign(all, { "content-type": "text/plain; charset=utf-8", "cache-control": CACHE_POLICY.noStore });
      entry = { all: Object.freeze(all), perRequest: Object.freeze(collect(conditional.map(({ rule }) => rule))) };
      made.set(key, entry);
    }
    return entry;
  }

  function headers(requestHeaders: IncomingHttpHeaders = {}): Record<string, string> {
    return { ...forOutcome(outcome(requestHeaders)).all };
  }

  function onSocket(socket: Duplex, status: number, extra: Record<string, string> = {}): void {
    const body = `${STATUS_CODES[status]}.\n`;
    const all = { ...headers(), ...extra, "content-length": String(Buffer.byteLength(body)), connection: "close" };
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${Object.entries(all).map(([k, v]) => `${k}: ${v}`).join("\r\n")}\r\n\r\n${body}`);
  }

  return { headers, onSocket, perRequest: (requestHeaders = {}) => forOutcome(outcome(requestHeaders)).perRequest, perRequestNames };
}
