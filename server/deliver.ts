/**
 * Sending a finished version, and finishing what Next produced (docs/decisions/0007, 0012): the
 * status and policy settled (finish.ts), the page's CSP, a real page instead of Next's error shell,
 * then compressed, stored in the response cache when every cache may hold it, and sent in the
 * encoding the client takes, with an ETag per encoding and a 304 when the client has it.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { compress, decompressGzip, isCompressible, negotiate, type Encoding } from "./encoding";
import { ResponseCache, sharedMaxAge, type Bodies, type Flight, type StoredHeaders } from "./response-cache";
import { TAGS_HEADER, UNAVAILABLE_PAGE, etagFor, matchesIfNoneMatch, pagePolicy, settleStatusAndPolicy, versionTag } from "./finish";
import { SEARCH_POLICY, SEARCH_TAGS, isSearchPageKey } from "./search";
import { CACHE_STATE_HEADER } from "./internal-headers";
import type { OwnAnswers } from "./own-answers";
import { CACHE_POLICY } from "../lib/request/cache-policy.mjs";
import { contentBehind } from "../lib/publishing/in-step.mjs";

/** Headers a stored response keeps; the rest is per message or recomputed when sent. */
const PER_MESSAGE = new Set(["content-length", "content-encoding", "transfer-encoding", "date", "connection", "keep-alive", "etag", "x-nextjs-cache", "x-nextjs-prerender", "x-nextjs-stale-time"]);

export interface Outgoing {
  status: number;
  headers: StoredHeaders;
  /** The encodings at hand. */
  bodies: Bodies;
  /** The plain body, when there is one. */
  identity?: Buffer;
  version?: string;
  storedAt?: number;
}

export interface Asked {
  /** The client's Accept-Encoding (taken off the request before Next saw it). */
  acceptEncoding: string | string[] | undefined;
  head: boolean;
  /** A request that went to Next: from begin(), so an answer made across a publish is not stored. */
  flight?: Flight;
}

function withVary(value: unknown): string {
  const vary = String(value ?? "");
  return /accept-encoding/i.test(vary) ? vary : vary ? `${vary}, Accept-Encoding` : "Accept-Encoding";
}

export function createDelivery({ cache, own }: { cache: ResponseCache; own: OwnAnswers }) {
  /**
   * Notes a request for `key` that the cache did not answer, until Next's answer is in hand (finish)
   * — or its response closes first (an error, a client gone): docs/decisions/0300. Not until the
   * answer is sent: a slow reader must not hold back the storing of the page for everyone.
   */
  function begin(res: ServerResponse, key: string): Flight {
    const flight = cache.begin(key);
    res.once("close", () => cache.end(flight));
    return flight;
  }

  function storedHeaders(res: ServerResponse): StoredHeaders {
    return Object.entries(res.getHeaders())
      .filter(([name]) => !PER_MESSAGE.has(name) && !own.perRequestNames.has(name))
      .map(([name, value]) => [name, Array.isArray(value) ? value : String(value)]);
  }

  /** Sends one version in the encoding the client takes; a 304 when the client has it; HEAD without a body. */
  async function send(req: IncomingMessage, res: ServerResponse, { status, headers, bodies, identity, version, storedAt }: Outgoing, { acceptEncoding, head }: Asked, state: "hit" | "miss" | "bypass"): Promise<void> {
    const wanted = negotiate(acceptEncoding);
    const encoding: Encoding | null = wanted && bodies[wanted] ? wanted : null;
    const etag = version ? etagFor(version, encoding) : undefined;
    res.statusCode = status;
    for (const [name, value] of headers) res.setHeader(name, value);
    // Headers that depend on the request (HSTS over HTTPS) are never stored: decided per request.
    for (const [name, value] of Object.entries(own.perRequest(req.headers))) res.setHeader(name, value);
    res.setHeader("vary", withVary(res.getHeader("vary")));
    // Behind the other instances (a commit it could not fetch), this one answers from an old copy of
    // the content: whoever asks it gets that, but no cache in front keeps it (decision 0194).
    if (res.hasHeader(TAGS_HEADER) && contentBehind()) res.setHeader("cache-control", CACHE_POLICY.noStore);
    if (etag) res.setHeader("etag", etag);
    if (storedAt !== undefined) res.setHeader("age", String(Math.max(0, Math.floor((Date.now() - storedAt) / 1000))));
    res.setHeader(CACHE_STATE_HEADER, state);
    if (etag && status === 200 && matchesIfNoneMatch(req.headers["if-none-match"], etag)) {
      res.statusCode = 304;
      for (const name of ["content-type", "content-length", "content-encoding"]) res.removeHeader(name);
      res.end();
      return;
    }
    const body = encoding ? bodies[encoding]! : (identity ?? (await decompressGzip(bodies.gzip!)));
    if (encoding) res.setHeader("content-encoding", encoding);
    res.setHeader("content-length", body.length);
    res.end(head ? undefined : body);
  }

  /** Finishes what Next wrote (`body`, and the status and headers left on `res`) and sends it; stores it when it may. */
  async function finish(req: IncomingMessage, res: ServerResponse, body: Buffer, key: string | null, asked: Asked): Promise<void> {
    settleStatusAndPolicy(res);
    // The search page of a normalised query is the same for every reader (no preview: no key then).
    if (isSearchPageKey(key) && res.statusCode === 200) {
      res.setHeader("cache-control", SEARCH_POLICY);
      res.setHeader(TAGS_HEADER, SEARCH_TAGS);
    }
    const type = String(res.getHeader("content-type") ?? "");
    const isHtml = type.startsWith("text/html");
    if (isHtml && res.statusCode === 503 && body.includes('id="__next_error__"')) {
      // Next's error shell draws its message only with JavaScript: send a real page instead.
      body = Buffer.from(UNAVAILABLE_PAGE);
    }
    if (isHtml) {
      const csp = res.getHeader("content-security-policy");
      if (csp) res.setHeader("content-security-policy", pagePolicy(String(csp), body.toString("utf8")));
    }
    const status = res.statusCode;
    if (status === 304 || status === 204 || !isCompressible(type) || body.length <= 1024) {
      if (asked.flight) cache.end(asked.flight);
      res.removeHeader("transfer-encoding");
      if (status !== 304 && status !== 204) res.setHeader("content-length", body.length);
      res.end(asked.head ? undefined : body);
      return;
    }
    // Made across a publish: sent to whoever asked, kept by no cache — not here (ResponseCache.set
    // refuses it) and not in front: the edge's purge came before it (docs/decisions/0300).
    if (asked.flight && res.hasHeader(TAGS_HEADER) && cache.refusesAcrossPurge(asked.flight)) res.setHeader("cache-control", CACHE_POLICY.noStore);
    const version = versionTag(body);
    const maxAge = sharedMaxAge(res.getHeader("cache-control"));
    const storable = key !== null && status === 200 && maxAge > 0 && !res.hasHeader("set-cookie") && res.hasHeader(TAGS_HEADER) && !contentBehind();
    const stale = String(res.getHeader("x-nextjs-cache") ?? "").toUpperCase() === "STALE";
    const headers = storedHeaders(res);
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    // What was stored under this address is no longer what Next answers (gone, moved, private).
    if (key !== null && !storable) cache.delete(key);
    if (key !== null && storable) {
      const [br, gzip] = await Promise.all([compress(body, "br"), compress(body, "gzip")]);
      const entry = { status, headers, bodies: { br, gzip }, version, storedAt: Date.now() };
      const tags = String(headers.find(([n]) => n === TAGS_HEADER)?.[1] ?? "").split(/\s+/).filter(Boolean);
      // A stale copy (Next is re-rendering it in the background) is kept only for a moment.
      // Made across a publish (asked.flight): sent, not kept.
      cache.set(key, { ...entry, tags, maxAge: stale ? 1 : maxAge, flight: asked.flight });
      if (asked.flight) cache.end(asked.flight);
      await send(req, res, entry, asked, "miss");
      return;
    }
    if (asked.flight) cache.end(asked.flight);
    const encoding = negotiate(asked.acceptEncoding);
    const bodies: Bodies = encoding ? { [encoding]: await compress(body, encoding) } : {};
    await send(req, res, { status, headers, bodies, identity: body, version }, asked, "bypass");
  }

  return { begin, send, finish };
}
