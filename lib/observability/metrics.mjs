// The process's one Prometheus registry (prom-client), and every metric Masthead exports, named once.
//
// Plain JavaScript on purpose, as ./log.mjs: the production server (server/main.ts) and Next's
// bundles both import it, so the registry lives on globalThis (Symbol.for) and a metric asked for
// twice — from two bundles, or from the server and a bundle — is the same metric. prom-client is a
// server-external package (next.config.ts), so every copy of this code uses one copy of the library.
//
// The registry is served only on its own loopback listener (METRICS_PORT; server/metrics-
// listener.ts), never on the public port. Metrics are always counted (an increment costs well under
// a microsecond); without METRICS_PORT nobody reads them, and the server's per-request recording and
// Node's default collectors are not even installed.
//
// Adding a metric (docs/deploy.md "Metrics"): call `counter()`, `gauge()` or `histogram()` with a name
// `masthead_<area>_<what>[_unit][_total]`, a help text and bounded label names (never a slug, a path
// or an id as a label value). Metrics of one area belong in one function below (e.g. `outboxMetrics()`),
// so operators find every name here and alert rules (deploy/prometheus/) can rely on them.
import client from "prom-client";
import { processSingleton } from "../config/singleton.mjs";
import { RequestPathCounter, RequestPathHistogram } from "./request-path-metrics.mjs";


/** Request latency buckets (seconds): from a response-cache hit (sub-millisecond) to a slow render. */
export const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Buckets for work that takes milliseconds to seconds (publish phases, bus lag, queries). */
export const WORK_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

function state() {
  return processSingleton("metrics", () => ({ registry: new client.Registry(), defaults: false }));
}

/** The process's registry. */
export function registry() {
  return state().registry;
}

function getOrCreate(Kind, { fast, ...config }) {
  const r = registry();
  const existing = r.getSingleMetric(config.name);
  if (existing) return existing;
  return new Kind({ ...config, registers: [r] });
}

/** A counter of the process's registry, made on first use (same name → same counter). `fast`: one counted per request (./request-path-metrics.mjs). */
export function counter(config) {
  return getOrCreate(config.fast ? RequestPathCounter : client.Counter, config);
}
/** A gauge of the process's registry, made on first use. `collect()` may set it when scraped. */
export function gauge(config) {
  return getOrCreate(client.Gauge, config);
}
/** A histogram of the process's registry, made on first use. `fast`: one observed per request. */
export function histogram(config) {
  return getOrCreate(config.fast ? RequestPathHistogram : client.Histogram, config);
}

/**
 * METRICS_PORT as a port number, or null (metrics are not served). `+N` means the public port plus N,
 * one setting for every instance of a template unit (deploy/systemd: 3001 with +6100 → 9101).
 */
export function metricsPort(env = process.env, publicPort = Number(env.PORT)) {
  const raw = String(env.METRICS_PORT ?? "").trim();
  if (!raw || raw === "0") return null;
  const offset = raw.startsWith("+");
  const n = Number(offset ? raw.slice(1) : raw);
  const port = offset ? publicPort + n : n;
  if (!Number.isInteger(n) || !Number.isInteger(port) || port < 1 || port > 65535 || (offset && n === 0)) {
    throw new Error(`METRICS_PORT must be a port number (1-65535) or +N (the public port plus N), not "${raw}"`);
  }
  if (port === publicPort) throw new Error(`METRICS_PORT must not be the public port (${publicPort}): the metrics are for Prometheus only`);
  return port;
}

/** Node's own metrics (event-loop lag, heap, GC, CPU, handles), once per process. */
export function collectDefaultMetrics() {
  const s = state();
  if (s.defaults) return;
  s.defaults = true;
  client.collectDefaultMetrics({ register: s.registry });
}

/** The whole registry in Prometheus' text format. */
export async function exposition() {
  const r = registry();
  return { contentType: r.contentType, body: await r.metrics() };
}

/** Seconds since `startedAt` (a performance.now() or Date.now() value of the same clock). */
export function secondsSince(startedAt, now = Date.now()) {
  return Math.max(0, (now - startedAt) / 1000);
}

// ---- the server: requests, the response cache, readiness --------------------------------------

/** Requests the production server answered (server/observe.ts). */
export function httpMetrics() {
  return {
    requests: counter({
      fast: true,
      name: "masthead_http_requests_total",
      help: "Requests answered, by route kind, status code and response-cache outcome (hit, stale, miss, bypass, pass, none).",
      labelNames: ["kind", "status", "cache"],
    }),
    duration: histogram({
      fast: true,
      name: "masthead_http_request_duration_seconds",
      help: "Time from the request's arrival to the end of its response, by route kind and response-cache outcome.",
      labelNames: ["kind", "cache"],
      buckets: LATENCY_BUCKETS,
    }),
    aborted: counter({
      fast: true,
      name: "masthead_http_requests_aborted_total",
      help: "Requests whose client went away before the response ended, by route kind.",
      labelNames: ["kind"],
    }),
    nextCache: counter({
      fast: true,
      name: "masthead_next_cache_total",
      help: "Pages asked of Next, by Next's cache outcome (hit, stale, miss; x-nextjs-cache).",
      labelNames: ["outcome"],
    }),
  };
}

/**
 * The response cache's size and churn, read from its stats() when scraped.
 * @param {() => { entries: number, bytes: number, evictions?: number, purged?: number } | undefined} stats
 */
export function responseCacheMetrics(stats) {
  gauge({ name: "masthead_response_cache_entries", help: "Finished responses held by the response cache.", collect() { this.set(stats()?.entries ?? 0); } });
  gauge({ name: "masthead_response_cache_bytes", help: "Bytes held by the response cache (both encodings of every entry).", collect() { this.set(stats()?.bytes ?? 0); } });
  gauge({ name: "masthead_response_cache_max_bytes", help: "The response cache's budget (RESPONSE_CACHE_MB).", collect() { this.set(stats()?.maxBytes ?? 0); } });
  // Cumulative counts kept by the cache itself, exported as counters.
  counter({ name: "masthead_response_cache_evictions_total", help: "Entries dropped to stay within the byte budget.", collect() { setCounter(this, stats()?.evictions ?? 0); } });
  counter({ name: "masthead_response_cache_purged_total", help: "Entries dropped because a publish expired one of their tags.", collect() { setCounter(this, stats()?.purged ?? 0); } });
  counter({ name: "masthead_response_cache_not_kept_total", help: "Answers sent but not stored because a publish happened while they were made (docs/decisions/0300).", collect() { setCounter(this, stats()?.notKept ?? 0); } });
}

function setCounter(metric, value) {
  metric.reset();
  if (value > 0) metric.inc(value);
}

/** Readiness as a metric (server/health.ts): 1 ready, 0 starting or draining. */
export function readinessMetrics(read) {
  gauge({ name: "masthead_ready", help: "1 when the instance answers /readyz with 200 (started, warmed up, not draining).", collect() { this.set(read().ready ? 1 : 0); } });
  gauge({ name: "masthead_draining", help: "1 once the instance received SIGTERM and is finishing its requests.", collect() { this.set(read().draining ? 1 : 0); } });
}

// ---- content, publishing, the bus, the scheduler, the edge, Redis ----------------------------

/** Reads of the content source (lib/sources/source.ts), by operation (listArticles, getArticle…). */
export function contentMetrics() {
  return {
    query: histogram({
      name: "masthead_content_query_seconds",
      help: "Time of one call to the content source (the markdown index, or WordPress), by operation.",
      labelNames: ["operation"],
      buckets: WORK_BUCKETS,
    }),
    errors: counter({ name: "masthead_content_query_errors_total", help: "Calls to the content source that failed, by operation.", labelNames: ["operation"] }),
  };
}

/** The revalidation webhook and scheduled publications: each phase of a publish, and its outcome. */
export function publishMetrics() {
  return {
    phase: histogram({
      name: "masthead_publish_phase_seconds",
      help: "Duration of each phase of a publish on this instance (reload, plan, revalidate, fan-out, edge purge; total).",
      labelNames: ["phase"],
      buckets: WORK_BUCKETS,
    }),
    publishes: counter({
      name: "masthead_publishes_total",
      help: "Publishes handled by this instance's webhook, by outcome (ok, invalid-content, failed, refused).",
      labelNames: ["outcome"],
    }),
    settling: gauge({
      name: "masthead_publish_settling",
      help: "Publishes whose second expiry (SETTLE_MS after them, docs/decisions/0131) is still to come on this instance.",
    }),
    notKept: counter({
      name: "masthead_page_cache_not_kept_total",
      help: "Renders not stored in Next's page cache because a publish expired their page while they ran (sent, not kept; docs/decisions/0300).",
    }),
  };
}

/** Content on several machines: each instance's git clone brought to a published commit (lib/publishing/content-git.ts). */
export function contentSyncMetrics() {
  return {
    syncs: counter({
      name: "masthead_content_sync_total",
      help: "Bringing this instance's content clone to a published commit, by outcome (moved, already, failed).",
      labelNames: ["outcome"],
    }),
    behind: gauge({
      name: "masthead_content_behind",
      help: "1 while this instance lacks a commit another instance published (its fetch failed): out of rotation, retrying.",
    }),
  };
}

/** The revalidation bus between instances (lib/cluster/bus.ts). */
export function busMetrics() {
  return {
    messages: counter({
      name: "masthead_bus_messages_total",
      help: "Revalidation messages: sent to the other instances, received from them and applied, failed, queued while Redis was away.",
      labelNames: ["direction"],
    }),
    lag: histogram({
      name: "masthead_bus_lag_seconds",
      help: "From a message's sending on one instance to its application here (transit, content reload, expiry).",
      buckets: WORK_BUCKETS,
    }),
  };
}

/** Scheduled publications (lib/scheduler.ts). */
export function schedulerMetrics() {
  return {
    publications: counter({ name: "masthead_scheduler_publications_total", help: "Scheduled articles published on time by this instance's scheduler, by outcome.", labelNames: ["outcome"] }),
  };
}

/** Purges of the edge (lib/cluster/edge.ts). */
export function edgeMetrics() {
  return {
    purges: counter({ name: "masthead_edge_purges_total", help: "PURGE requests sent to the edge, by outcome (ok, refused, failed).", labelNames: ["outcome"] }),
  };
}

/** Redis (lib/cluster/redis.mjs, lib/cluster/cache-handler.mjs). */
export function redisMetrics() {
  return {
    failures: counter({ name: "masthead_redis_failures_total", help: "Redis calls that failed or missed their deadline (the breaker then opens).", labelNames: ["what"] }),
    cache: counter({ name: "masthead_shared_cache_total", help: "Reads of Next's shared cache in Redis, by outcome (hit, miss, error).", labelNames: ["outcome"] }),
  };
}

// ---- the third release's areas: the names their engineers fill in ----------------------------

/** Stripe webhook events (lib/revenue/). */
export function stripeMetrics() {
  return {
    // outcome: processed (a handled type, applied), ignored (a type Masthead does not handle:
    // acknowledged, recorded, changes nothing), duplicate (recorded before), failed (not recorded: 503,
    // Stripe retries).
    events: counter({ name: "masthead_stripe_events_total", help: "Verified Stripe webhook events, by type and outcome (processed, ignored, duplicate, failed).", labelNames: ["type", "outcome"] }),
    // Requests refused before any event was read from them (400/413: Stripe does not retry a 4xx as
    // a success): reason signature (missing, bad or stale: a wrong STRIPE_WEBHOOK_SECRET, or someone
    // else), too_large, malformed (signed, but not an event Stripe sends).
    rejected: counter({ name: "masthead_stripe_webhook_rejected_total", help: "Requests to the Stripe webhook refused, by reason (signature, too_large, malformed).", labelNames: ["reason"] }),
  };
}

/**
 * The newsletter outbox (lib/newsletters/). Its depth and the wait of its oldest due email are read
 * from the store when scraped, through the reader `watchOutbox` registers (a failing read leaves the
 * last values: a scrape never fails because the database does).
 */
export function outboxMetrics() {
  return {
    depth: gauge({
      name: "masthead_newsletter_outbox_depth",
      help: "Emails waiting in the outbox (queued or being sent).",
      async collect() {
        await readOutbox();
        this.set(state().outbox?.depth ?? 0);
      },
    }),
    oldest: gauge({
      name: "masthead_newsletter_outbox_oldest_seconds",
      help: "How long the oldest email that is due has waited to be sent (0 when none is due).",
      async collect() {
        await readOutbox();
        this.set(state().outbox?.oldestSeconds ?? 0);
      },
    }),
    sent: counter({ name: "masthead_newsletter_sent_total", help: "Emails the SMTP server accepted." }),
    failed: counter({ name: "masthead_newsletter_failed_total", help: "Emails the SMTP server refused for now or that could not be sent (retried later)." }),
    bounced: counter({ name: "masthead_newsletter_bounced_total", help: "Emails that bounced (the address is never mailed again)." }),
  };
}

/** Registers how to read the outbox's depth and oldest wait: `async () => ({ depth, oldestSeconds })`. */
export function watchOutbox(read) {
  state().outboxReader = read;
  outboxMetrics();
}

async function readOutbox() {
  const s = state();
  if (!s.outboxReader) return;
  // Both gauges are collected in one scrape: one read serves both.
  if (!s.outboxReading || Date.now() - s.outboxReadAt > 1000) {
    s.outboxReadAt = Date.now();
    s.outboxReading = Promise.resolve()
      .then(s.outboxReader)
      .then((value) => void (s.outbox = value))
      .catch(() => {});
  }
  await s.outboxReading;
}

/** Buckets of the readers' Core Web Vitals in seconds (LCP, INP, TTFB): the thresholds of "good" and "poor" among them. */
export const REAL_USER_BUCKETS = [0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8, 1, 1.5, 1.8, 2, 2.5, 3, 4, 5, 7.5, 10, 20];
/** Buckets of Cumulative Layout Shift (unitless; 0.1 is "good", 0.25 "poor"). */
export const CLS_BUCKETS = [0.001, 0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1];

/**
 * Reader beacons (lib/audience/, server/beacon.ts). Outcomes, in beacons: `received`
 * (accepted and counted), `refused` (answered 4xx: a robot, another origin, a malformed body, an
 * unknown article), `flushed` (written to Redis or the reader data store), `dropped` (not kept: the
 * bound of pending counts was reached while the backend was away). Real-user speed: every page view's
 * figures as the beacon brings them, by page type (article, home, section); p75 over 24 hours is the
 * recording rule `masthead:real_user_seconds:p75_24h` (deploy/prometheus/masthead-rules.yml).
 */
export function beaconMetrics() {
  return {
    beacons: counter({ fast: true, name: "masthead_beacons_total", help: "Reader beacons, by outcome (received, refused, flushed, dropped).", labelNames: ["outcome"] }),
    speed: histogram({
      fast: true,
      name: "masthead_real_user_seconds",
      help: "Core Web Vitals measured in readers' browsers (LCP, INP, TTFB), by page type and metric.",
      labelNames: ["page_type", "metric"],
      buckets: REAL_USER_BUCKETS,
    }),
    shift: histogram({
      fast: true,
      name: "masthead_real_user_cls",
      help: "Cumulative Layout Shift measured in readers' browsers, by page type.",
      labelNames: ["page_type"],
      buckets: CLS_BUCKETS,
    }),
  };
}
