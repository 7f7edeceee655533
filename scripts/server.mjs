#!/usr/bin/env node
// Masthead's production server: Next's request handler, finished by us (docs/decisions/0007, 0012).
// - Every response Next produces (but its static assets and images) is finished here: the cache policy
//   the proxy decided becomes Cache-Control; an HTML page gets a Content-Security-Policy whose
//   script-src lists the SHA-256 of every inline script it carries (Next's flight data differs per
//   page, and nonces would make every page dynamic); a failed render is a 503; bodies are compressed
//   asynchronously (brotli for browsers that take it, else gzip) with an ETag per encoding.
// - A published page is identical for every reader until it is revalidated, so that finished
//   version — headers, br and gzip bodies — is stored once and then sent as it is, without entering
//   Next, until a publish expires one of its cache tags or its lifetime ends.
//
//   node scripts/server.mjs [--port 3000] [--dir .]      (PORT and HOSTNAME env work too)
import { createServer } from "node:http";
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import { compress, decompressGzip, isCompressible, negotiate } from "./server/encoding.mjs";
import { cacheKey, ResponseCache, sharedMaxAge } from "./server/response-cache.mjs";
import { warmUp } from "./server/warm-up.mjs";
import { gate, hasBody } from "./server/gate.mjs";
import { lingerAfter } from "./server/bodies.mjs";
import { stripInternalHeaders } from "./server/internal-headers.mjs";
import { SEARCH_POLICY, SEARCH_TAGS, isSearch, isSearchPageKey, uncachedSearchWait } from "./server/search.mjs";
import { ownAnswers, REFUSED_METHODS } from "./server/own-answers.mjs";
import { distDirName } from "../lib/config/env.mjs";
import { setProcessSingleton } from "../lib/config/singleton.mjs";
import { CACHE_POLICY } from "../lib/cache-policy.mjs";
import { createBeaconHandler, createReportHandler, isBeaconRequest, isReportRequest } from "./server/beacon.mjs";
import { NEXT_CACHE, PASSED, STALE, requestMetrics, requestObserver } from "./server/observe.mjs";
import { answerHealth, healthState } from "./server/health.mjs";
import { envMs, installGracefulShutdown } from "./server/shutdown.mjs";
import { startMetricsListener } from "./server/metrics-listener.mjs";
import { flushLogger, installLogger, logger, routeConsole } from "../lib/observability/log.mjs";
import { collectDefaultMetrics, metricsPort, readinessMetrics, responseCacheMetrics } from "../lib/observability/metrics.mjs";
import {
  TAGS_HEADER,
  UNAVAILABLE_PAGE,
  etagFor,
  matchesIfNoneMatch,
  pagePolicy,
  settleStatusAndPolicy,
  versionTag,
} from "./server/finish.mjs";

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const dir = path.resolve(arg("dir", process.cwd()));
const port = Number(arg("port", process.env.PORT || 3000));
// The origin Next uses for internal rewrites must match the one the proxy builds (docs/decisions/0005).
const hostname = "localhost";
const listenHost = process.env.HOSTNAME && process.env.HOSTNAME !== "localhost" ? process.env.HOSTNAME : undefined;

process.env.NODE_ENV = "production";
// One JSON logger for the process (lib/observability/log.mjs), before Next loads: Next's own messages
// and any console.* become JSON lines too.
installLogger({ sync: false });
routeConsole();
// Metrics on their own loopback listener when METRICS_PORT is set (docs/decisions/0141); off, no
// request is counted. /healthz and /readyz are answered before Next (scripts/server/health.mjs).
const METRICS_PORT = metricsPort(process.env, port);
const health = healthState();
const observe = requestObserver({ log: logger("http"), onDone: METRICS_PORT ? await requestMetrics() : undefined });
process.env.PORT ??= String(port);
// Inside a standalone build (.next/standalone), the config is not re-read from next.config.ts but
// comes from required-server-files.json, as Next's own standalone server.js does it.
// MASTHEAD_DIST_DIR: the build to serve when it is not .next (next.config.ts reads it too).
const distDir = path.join(dir, distDirName());
const standaloneConfig = path.join(distDir, "required-server-files.json");
if (!fs.existsSync(path.join(dir, "next.config.ts")) && fs.existsSync(standaloneConfig)) {
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG ??= JSON.stringify(JSON.parse(fs.readFileSync(standaloneConfig, "utf8")).config);
}
const require = createRequire(path.join(dir, "package.json"));
const next = require("next");
const app = next({ dev: false, dir, hostname, port });
const handle = app.getRequestHandler();

// ---- the response cache ------------------------------------------------------------------------

const cacheMb = Number(process.env.RESPONSE_CACHE_MB ?? 64);
const cache = new ResponseCache({ maxBytes: (Number.isFinite(cacheMb) && cacheMb >= 0 ? cacheMb : 64) * 1024 * 1024 });
// lib/response-cache.ts reaches it from the revalidation webhook (same process, other bundles).
setProcessSingleton("responseCache", {
  purge: (what) => cache.purge(what),
  clear: () => cache.clear(),
  stats: () => cache.stats(),
});

/** Headers a stored response keeps; the rest is per message or recomputed when sent. */
const PER_MESSAGE = new Set(["content-length", "content-encoding", "transfer-encoding", "date", "connection", "keep-alive", "etag", "x-nextjs-cache", "x-nextjs-prerender", "x-nextjs-stale-time"]);

function storedHeaders(res) {
  return Object.entries(res.getHeaders())
    .filter(([name]) => !PER_MESSAGE.has(name) && !own.perRequestNames.has(name))
    .map(([name, value]) => [name, Array.isArray(value) ? value : String(value)]);
}

function withVary(value) {
  const vary = String(value ?? "");
  return /accept-encoding/i.test(vary) ? vary : vary ? `${vary}, Accept-Encoding` : "Accept-Encoding";
}

/**
 * Sends one version in the encoding the client takes — `bodies` holds the encodings at hand,
 * `identity` the plain body when there is one — a 304 when the client has it; HEAD without a body.
 */
async function send(req, res, { status, headers, bodies = {}, identity, version, storedAt }, { acceptEncoding, head, state }) {
  const wanted = negotiate(acceptEncoding);
  const encoding = wanted && bodies[wanted] ? wanted : null;
  const etag = version ? etagFor(version, encoding) : undefined;
  res.statusCode = status;
  for (const [name, value] of headers) res.setHeader(name, value);
  // Headers that depend on the request (HSTS over HTTPS) are never stored: decided per request.
  for (const [name, value] of Object.entries(own.perRequest(req.headers))) res.setHeader(name, value);
  res.setHeader("vary", withVary(res.getHeader("vary")));
  if (etag) res.setHeader("etag", etag);
  if (storedAt !== undefined) res.setHeader("age", String(Math.max(0, Math.floor((Date.now() - storedAt) / 1000))));
  res.setHeader("x-masthead-cache", state);
  if (etag && status === 200 && matchesIfNoneMatch(req.headers["if-none-match"], etag)) {
    res.statusCode = 304;
    for (const name of ["content-type", "content-length", "content-encoding"]) res.removeHeader(name);
    res.end();
    return;
  }
  const body = encoding ? bodies[encoding] : (identity ?? (await decompressGzip(bodies.gzip)));
  if (encoding) res.setHeader("content-encoding", encoding);
  res.setHeader("content-length", body.length);
  res.end(head ? undefined : body);
}

// ---- finishing what Next produced ------------------------------------------------------------

/**
 * Takes over a response: Next writes into a buffer, and when it ends, the response is finished
 * (policy, CSP, status), compressed, stored when it may be, and sent.
 */
function capture(req, res, { key, acceptEncoding, head }) {
  const chunks = [];
  const original = { write: res.write, end: res.end, writeHead: res.writeHead, flushHeaders: res.flushHeaders };
  const restore = () => Object.assign(res, original);
  const toBuffer = (chunk, encoding) => (Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8"));

  res.flushHeaders = () => {};
  res.writeHead = function (status, reason, headers) {
    if (typeof reason === "object" && reason !== null) [headers, reason] = [reason, undefined];
    res.statusCode = status;
    if (typeof reason === "string") res.statusMessage = reason;
    if (Array.isArray(headers)) for (let i = 0; i < headers.length; i += 2) res.setHeader(headers[i], headers[i + 1]);
    else if (headers) for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    return res;
  };
  res.write = function (chunk, encoding, cb) {
    if (chunk != null) chunks.push(toBuffer(chunk, encoding));
    if (typeof encoding === "function") encoding();
    else if (typeof cb === "function") cb();
    return true;
  };
  res.end = function (chunk, encoding, cb) {
    if (typeof chunk === "function") [cb, chunk] = [chunk, undefined];
    if (typeof encoding === "function") [cb, encoding] = [encoding, undefined];
    if (chunk != null) chunks.push(toBuffer(chunk, encoding));
    restore();
    finish(req, res, Buffer.concat(chunks), { key, acceptEncoding, head })
      .catch((error) => {
        console.error("Finishing a response failed:", error);
        if (!res.headersSent) res.statusCode = 500;
        res.end();
      })
      .finally(() => typeof cb === "function" && cb());
    return res;
  };
}

async function finish(req, res, body, { key, acceptEncoding, head }) {
  res[NEXT_CACHE] = String(res.getHeader("x-nextjs-cache") ?? "").toLowerCase() || undefined;
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
    res.removeHeader("transfer-encoding");
    if (status !== 304 && status !== 204) res.setHeader("content-length", body.length);
    res.end(head ? undefined : body);
    return;
  }
  const version = versionTag(body);
  const maxAge = sharedMaxAge(res.getHeader("cache-control"));
  const storable =
    key !== null && status === 200 && maxAge > 0 && !res.hasHeader("set-cookie") && res.hasHeader(TAGS_HEADER);
  const stale = String(res.getHeader("x-nextjs-cache") ?? "").toUpperCase() === "STALE";
  const headers = storedHeaders(res);
  for (const name of res.getHeaderNames()) res.removeHeader(name);
  // What was stored under this address is no longer what Next answers (gone, moved, private).
  if (key !== null && !storable) cache.delete(key);
  if (storable) {
    const [br, gzip] = await Promise.all([compress(body, "br"), compress(body, "gzip")]);
    const entry = { status, headers, bodies: { br, gzip }, version, storedAt: Date.now() };
    // A stale copy (Next is re-rendering it in the background) is kept only for a moment.
    cache.set(key, { ...entry, tags: String(headers.find(([n]) => n === TAGS_HEADER)?.[1] ?? "").split(/\s+/).filter(Boolean), maxAge: stale ? 1 : maxAge });
    await send(req, res, entry, { acceptEncoding, head, state: "miss" });
    return;
  }
  const encoding = negotiate(acceptEncoding);
  const bodies = encoding ? { [encoding]: await compress(body, encoding) } : {};
  await send(req, res, { status, headers, bodies, identity: body, version }, { acceptEncoding, head, state: "bypass" });
}

/** Next's own assets and images are sent by Next as they are (immutable, already compressed or binary). */
const PASSTHROUGH = /^\/(?:_next\/static\/|_next\/image|content-images\/|og\/)/;

await app.prepare();
const own = ownAnswers(dir);
// Reads and real-user figures (POST /api/beacon), answered here without entering Next (docs/decisions/0180).
const beacon = createBeaconHandler({ headers: own.headers });
const audienceReport = createReportHandler({ headers: own.headers });

// The TCP peer, for the failed-secret limiter when no trusted proxy is configured
// (lib/rate-limit.ts). The header is overwritten on every request, so a client cannot supply it;
// the flag tells the limiter that this server is the one setting it.
const PEER_ADDRESS_HEADER = "x-masthead-peer-address";
setProcessSingleton("peerAddressHeader", true);

const server = createServer(async (req, res) => {
  // Internal headers never reach readers; bad addresses, methods and bodies are answered before
  // anything routes or reads a body; the query is normalised (scripts/server/gate.mjs).
  stripInternalHeaders(req, res);
  observe(req, res);
  if (health.closing) res.shouldKeepAlive = false;
  // /healthz and /readyz: cheap, uncached, before anything else (scripts/server/health.mjs).
  if (answerHealth(req, res, health, own.headers)) return;
  const door = gate(req);
  if (door?.status === 301) {
    // One address per page (permanent, as every redirect here).
    res.writeHead(301, { ...own.headers(req.headers), location: door.location, "cache-control": CACHE_POLICY.redirect, "content-length": 0 });
    res.end();
    return;
  }
  if (door?.status) {
    // A refused body is never read; the connection closes after the answer (scripts/server/bodies.mjs).
    if (door.headers?.connection === "close") lingerAfter(res);
    res.writeHead(door.status, { ...own.headers(req.headers), ...door.headers });
    res.end(door.message);
    return;
  }
  if (door?.url) req.url = door.url;
  // A handler may refuse a body before reading it all (a 413 with Connection: close): the socket then
  // lingers as the door's does, or the client, still sending, can be reset and lose the answer.
  if (hasBody(req.headers)) lingerAfter(res);
  if (isBeaconRequest(req.url)) return beacon(req, res);
  if (isReportRequest(req.url)) return void audienceReport(req, res);
  if (REFUSED_METHODS.has(req.method)) {
    res.writeHead(405, { ...own.headers(req.headers), allow: "GET, HEAD, POST" });
    res.end("Method not allowed.\n");
    return;
  }
  req.headers[PEER_ADDRESS_HEADER] = req.socket.remoteAddress ?? "";
  const key = cacheKey(req);
  const acceptEncoding = req.headers["accept-encoding"];
  const head = req.method === "HEAD";
  if (key) {
    const entry = cache.get(key);
    if (entry) {
      if (entry.expires <= Date.now()) res[STALE] = true;
      send(req, res, entry, { acceptEncoding, head, state: "hit" }).catch(() => res.end());
      return;
    }
  }
  if (isSearch(req.url) && (req.method === "GET" || req.method === "HEAD")) {
    // A search no cache answered: bounded per client (scripts/server/search.mjs).
    const wait = await uncachedSearchWait(req);
    if (wait > 0) {
      res.writeHead(429, { ...own.headers(req.headers), "retry-after": String(wait) });
      res.end("Too many searches; please try again in a few seconds.\n");
      return;
    }
  }
  if (!PASSTHROUGH.test(req.url ?? "/")) {
    // We compress (after hashing); Next must not. A HEAD is rendered as a GET, so it carries exactly
    // the headers (CSP, length, ETag) the GET would.
    delete req.headers["accept-encoding"];
    if (head) req.method = "GET";
    capture(req, res, { key, acceptEncoding, head });
  } else res[PASSED] = true;
  handle(req, res).catch((error) => {
    console.error("Request failed:", error);
    if (!res.headersSent) {
      res.statusCode = 500;
      res.setHeader("content-type", "text/plain; charset=utf-8");
    }
    res.end("Internal error");
  });
});
// Requests Node itself rejects (headers too large, malformed): its default answer is bare. Written
// only when no response of ours is under way on the socket, as Node's own handler does.
server.on("clientError", (error, socket) => {
  if (error.code === "ECONNRESET" || !socket.writable || socket._httpMessage?.headersSent) {
    socket.destroy();
    return;
  }
  const status = { HPE_HEADER_OVERFLOW: 431, ERR_HTTP_REQUEST_TIMEOUT: 408, HPE_CHUNK_EXTENSIONS_OVERFLOW: 413 }[error.code] ?? 400;
  own.onSocket(socket, status);
});
// CONNECT never reaches the request handler.
server.on("connect", (_req, socket) => own.onSocket(socket, 405, { allow: "GET, HEAD, POST" }));
if (METRICS_PORT) {
  collectDefaultMetrics();
  responseCacheMetrics(() => cache.stats());
  readinessMetrics(() => ({ ready: health.listening && health.warmedUp && !health.draining && health.lastCheck?.ready !== false, draining: health.draining }));
}
server.listen(port, listenHost, () => {
  health.listening = true;
  console.log(`> Masthead ready on http://localhost:${port}`);
  if (METRICS_PORT) {
    metricsServer = startMetricsListener({ port: METRICS_PORT, host: process.env.METRICS_HOST || "127.0.0.1", log: logger("metrics") });
    metricsServer.catch((error) => logger("metrics").error({ event: "metrics.failed", err: error }, `The metrics listener could not start on port ${METRICS_PORT}`));
  }
  // The first publish after a start should not wait for code to load (scripts/server/warm-up.mjs):
  // off the path of the first readers, once they had a moment. MASTHEAD_WARM_UP=0 skips it.
  if (process.env.MASTHEAD_WARM_UP === "0") {
    health.warmedUp = true;
    return;
  }
  const host = !listenHost || listenHost === "0.0.0.0" || listenHost === "::" ? "127.0.0.1" : listenHost.includes(":") ? `[${listenHost}]` : listenHost;
  setTimeout(async () => {
    const started = Date.now();
    const { pages, stopped } = await warmUp({ base: `http://${host}:${server.address().port}`, distDir });
    health.warmedUp = true;
    console.log(`> Warmed up in ${Date.now() - started} ms: the webhook loaded, ${pages.length ? pages.join(", ") : "no page"} rendered${stopped ? ` (stopped: ${stopped})` : ""}`);
  }, 2000).unref();
});
/** @type {Promise<import("node:http").Server> | undefined} */
let metricsServer;
// SIGTERM: readiness 503, stop accepting, finish what is in flight, flush, close Redis, exit
// (scripts/server/shutdown.mjs).
installGracefulShutdown({
  server,
  health,
  log: logger("shutdown"),
  delayMs: envMs(process.env.SHUTDOWN_DELAY_MS, 4000),
  timeoutMs: envMs(process.env.SHUTDOWN_TIMEOUT_MS, 15_000),
  flushLog: flushLogger,
  closeMetrics: () => metricsServer?.then((s) => s.close()).catch(() => {}),
});
