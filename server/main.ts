/**
 * Masthead's production server: Next's request handler, with a door before it and a finishing step
 * after it (docs/decisions/0007, 0012, 0116). Compiled by the build into the build folder
 * (scripts/build-server.mjs → `<MASTHEAD_DIST_DIR>/masthead-server.mjs`) and started by
 * scripts/server-launch.cjs:
 *
 *   node .next/masthead-server.mjs [--port 3000] [--dir .]      (PORT and HOSTNAME env work too)
 *
 * - The door (gate.ts) refuses bad addresses, methods and bodies and normalises the query before
 *   anything routes; the beacon and the audience report are answered here, without Next.
 * - Every response Next produces (but its static assets and images) is finished here (deliver.ts):
 *   the cache policy the proxy decided becomes Cache-Control; an HTML page gets a
 *   Content-Security-Policy whose script-src lists the SHA-256 of every inline script it carries
 *   (Next's flight data differs per page, and nonces would make every page dynamic); a failed render
 *   is a 503; bodies are compressed asynchronously (brotli, else gzip) with an ETag per encoding.
 * - A published page is identical for every reader until it is revalidated, so that finished
 *   version — headers, br and gzip bodies — is stored once (response-cache.ts) and then sent as it
 *   is, without entering Next, until a publish expires one of its cache tags or its lifetime ends.
 */
import { createServer } from "node:http";
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import type { Socket } from "node:net";
import { cacheKey, ResponseCache } from "./response-cache";
import { warmUp } from "./warm-up";
import { gate, hasBody } from "./gate";
import { lingerAfter } from "./bodies";
import { isSearch, uncachedSearchWait } from "./search";
import { ownAnswers, REFUSED_METHODS } from "./own-answers";
import { createBeaconHandler, createReportHandler, isBeaconRequest, isReportRequest } from "./beacon";
import { createDelivery, type Asked } from "./deliver";
import { MastheadResponse, responseUnderWay } from "./response";
import { NEXT_CACHE, PASSED, STALE, requestMetrics, requestObserver, type Observed } from "./observe";
import { answerHealth, healthState } from "./health";
import { envMs, installGracefulShutdown } from "./shutdown";
import { startMetricsListener } from "./metrics-listener";
import { flushLogger, installLogger, logger, routeConsole } from "../lib/observability/log.mjs";
import { collectDefaultMetrics, metricsPort, readinessMetrics, responseCacheMetrics } from "../lib/observability/metrics.mjs";
import { distDirName } from "../lib/config/env.mjs";
import { setProcessSingleton } from "../lib/config/singleton.mjs";
import { CACHE_POLICY } from "../lib/request/cache-policy.mjs";
import { registerResponseCache } from "../lib/publishing/response-cache-bridge";
import { runFromRequestStart } from "../lib/cluster/request-start.mjs";
import { PEER_ADDRESS_HEADER } from "../lib/access/rate-limit";

const args = process.argv.slice(2);
const arg = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const dir = path.resolve(arg("dir", process.cwd()));
const port = Number(arg("port", process.env.PORT || "3000"));
// The origin Next uses for internal rewrites must match the one the proxy builds (docs/decisions/0005).
const hostname = "localhost";
const listenHost = process.env.HOSTNAME && process.env.HOSTNAME !== "localhost" ? process.env.HOSTNAME : undefined;

(process.env as Record<string, string>).NODE_ENV = "production";
// One JSON logger for the process (lib/observability/log.mjs), before Next loads: Next's own messages
// and any console.* become JSON lines too.
installLogger({ sync: false });
routeConsole();
// Metrics on their own loopback listener when METRICS_PORT is set (docs/decisions/0141); off, no
// request is counted. /healthz and /readyz are answered before Next (health.ts).
const METRICS_PORT = metricsPort(process.env, port);
const health = healthState();
const observe = requestObserver({ log: logger("http"), onDone: METRICS_PORT ? await requestMetrics() : undefined });
process.env.PORT ??= String(port);
// Inside a standalone build (.next/standalone), the config is not re-read from next.config.ts but
// comes from required-server-files.json, as Next's own standalone server.js does it (through the
// same environment variable: Next has no other way to be given a config).
// MASTHEAD_DIST_DIR: the build to serve when it is not .next (next.config.ts reads it too).
const distDir = path.join(dir, distDirName());
const standaloneConfig = path.join(distDir, "required-server-files.json");
if (!fs.existsSync(path.join(dir, "next.config.ts")) && fs.existsSync(standaloneConfig)) {
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG ??= JSON.stringify(JSON.parse(fs.readFileSync(standaloneConfig, "utf8")).config);
}
// Next as the app folder has it (the standalone folder has its own trimmed copy).
const require = createRequire(path.join(dir, "package.json"));
const next = require("next") as typeof import("next").default;
const app = next({ dev: false, dir, hostname, port });
const handle = app.getRequestHandler();

const cacheMb = Number(process.env.RESPONSE_CACHE_MB ?? 64);
const cache = new ResponseCache({ maxBytes: (Number.isFinite(cacheMb) && cacheMb >= 0 ? cacheMb : 64) * 1024 * 1024 });
// The revalidation webhook purges it (lib/publishing/response-cache-bridge.ts: same process, other bundles).
registerResponseCache(cache);

/** Next's own assets and images are sent by Next as they are (immutable, already compressed or binary). */
const PASSTHROUGH = /^\/(?:_next\/static\/|_next\/image|content-images\/|og\/)/;

await app.prepare();
const own = ownAnswers(dir);
const { begin, send, finish } = createDelivery({ cache, own });
// Reads and real-user figures (POST /api/beacon), answered here without entering Next (docs/decisions/0180).
const beacon = createBeaconHandler({ headers: own.headers });
const audienceReport = createReportHandler({ headers: own.headers });

// The TCP peer, for the failed-secret limiter when no trusted proxy is configured (lib/access/rate-limit.ts).
// The header is overwritten on every request, so a client cannot supply it; the flag tells the
// limiter that this server is the one setting it.
setProcessSingleton("peerAddressHeader", true);

const server = createServer({ ServerResponse: MastheadResponse }, async (req, res: MastheadResponse & Observed) => {
  observe(req, res);
  if (health.closing) res.shouldKeepAlive = false;
  // /healthz and /readyz: cheap, uncached, before anything else (health.ts).
  if (answerHealth(req, res, health, own.headers)) return;
  // Bad addresses, methods and bodies are answered before anything routes or reads a body; the
  // query is normalised (gate.ts). Internal headers never reach readers (response.ts).
  const door = gate(req);
  if (door?.status === 301) {
    // One address per page (permanent, as every redirect here).
    res.writeHead(301, { ...own.headers(req.headers), location: door.location, "cache-control": CACHE_POLICY.redirect, "content-length": 0 });
    res.end();
    return;
  }
  if (door?.status !== undefined) {
    // A refused body is never read; the connection closes after the answer (bodies.ts).
    if (door.headers.connection === "close") lingerAfter(res);
    res.writeHead(door.status, { ...own.headers(req.headers), ...door.headers });
    res.end(door.message);
    return;
  }
  if (door) req.url = door.url;
  // A handler may refuse a body before reading it all (a 413 with Connection: close): the socket then
  // lingers as the door's does, or the client, still sending, can be reset and lose the answer.
  if (hasBody(req.headers)) lingerAfter(res);
  if (isBeaconRequest(req.url)) return beacon(req, res);
  if (isReportRequest(req.url)) return void audienceReport(req, res);
  if (REFUSED_METHODS.has(req.method ?? "")) {
    res.writeHead(405, { ...own.headers(req.headers), allow: "GET, HEAD, POST" });
    res.end("Method not allowed.\n");
    return;
  }
  req.headers[PEER_ADDRESS_HEADER] = req.socket.remoteAddress ?? "";
  const key = cacheKey(req);
  const asked: Asked = { acceptEncoding: req.headers["accept-encoding"], head: req.method === "HEAD" };
  if (key) {
    const entry = cache.get(key);
    if (entry) {
      if (entry.expires <= Date.now()) res[STALE] = true;
      send(req, res, entry, asked, "hit").catch(() => res.end());
      return;
    }
  }
  if (isSearch(req.url) && (req.method === "GET" || req.method === "HEAD")) {
    // A search no cache answered: bounded per client (search.ts).
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
    if (asked.head) req.method = "GET";
    // Made across a publish, this answer is sent but not stored, here or in Next's page cache
    // (docs/decisions/0300): the cache notes what it knew when the request began.
    if (key) asked.flight = begin(res, key);
    res.capture((body) => {
      res[NEXT_CACHE] = String(res.getHeader("x-nextjs-cache") ?? "").toLowerCase() || undefined;
      return finish(req, res, body, key, asked);
    });
  } else res[PASSED] = true;
  runFromRequestStart(() => handle(req, res)).catch((error: unknown) => {
    console.error("Request failed:", error);
    if (!res.headersSent) {
      res.statusCode = 500;
      res.setHeader("content-type", "text/plain; charset=utf-8");
    }
    res.end("Internal error");
  });
});
// Requests Node itself rejects (headers too large, malformed): its default answer is bare. Written
// only when no response of ours is under way on the connection, as Node's own handler does.
server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => {
  if (error.code === "ECONNRESET" || !socket.writable || responseUnderWay(socket)) {
    socket.destroy();
    return;
  }
  const statuses: Record<string, number> = { HPE_HEADER_OVERFLOW: 431, ERR_HTTP_REQUEST_TIMEOUT: 408, HPE_CHUNK_EXTENSIONS_OVERFLOW: 413 };
  own.onSocket(socket, statuses[error.code ?? ""] ?? 400);
});
// CONNECT never reaches the request handler.
server.on("connect", (_req, socket) => own.onSocket(socket, 405, { allow: "GET, HEAD, POST" }));
if (METRICS_PORT) {
  collectDefaultMetrics();
  responseCacheMetrics(() => cache.stats());
  readinessMetrics(() => ({ ready: health.listening && health.warmedUp && !health.draining && health.lastCheck?.ready !== false, draining: health.draining }));
}
let metricsServer: Promise<import("node:http").Server> | undefined;
server.listen(port, listenHost, () => {
  health.listening = true;
  console.log(`> Masthead ready on http://localhost:${port}`);
  if (METRICS_PORT) {
    metricsServer = startMetricsListener({ port: METRICS_PORT, host: process.env.METRICS_HOST || "127.0.0.1", log: logger("metrics") });
    metricsServer.catch((error: unknown) => logger("metrics").error({ event: "metrics.failed", err: error }, `The metrics listener could not start on port ${METRICS_PORT}`));
  }
  // The first publish after a start should not wait for code to load (warm-up.ts): off the path of
  // the first readers, once they had a moment. MASTHEAD_WARM_UP=0 skips it.
  if (process.env.MASTHEAD_WARM_UP === "0") {
    health.warmedUp = true;
    return;
  }
  const host = !listenHost || listenHost === "0.0.0.0" || listenHost === "::" ? "127.0.0.1" : listenHost.includes(":") ? `[${listenHost}]` : listenHost;
  setTimeout(async () => {
    const started = Date.now();
    const address = server.address();
    const { pages, stopped } = await warmUp({ base: `http://${host}:${typeof address === "object" && address ? address.port : port}`, distDir });
    health.warmedUp = true;
    console.log(`> Warmed up in ${Date.now() - started} ms: the webhook loaded, ${pages.length ? pages.join(", ") : "no page"} rendered${stopped ? ` (stopped: ${stopped})` : ""}`);
  }, 2000).unref();
});
// SIGTERM: readiness 503, stop accepting, finish what is in flight, flush, close Redis, exit (shutdown.ts).
installGracefulShutdown({
  server,
  health,
  log: logger("shutdown"),
  delayMs: envMs(process.env.SHUTDOWN_DELAY_MS, 4000),
  timeoutMs: envMs(process.env.SHUTDOWN_TIMEOUT_MS, 15_000),
  flushLog: flushLogger,
  closeMetrics: () => metricsServer?.then((s) => s.close()).catch(() => {}),
});
