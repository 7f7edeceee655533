/**
 * The beacon endpoint (POST /api/beacon), answered by the production server before Next: no render,
 * no route, a few microseconds a beacon (docs/decisions/0180). It takes one small form — a read of an
 * article, or a page view's Core Web Vitals (lib/audience/protocol.mjs) — from a same-origin page
 * and answers 204. Nothing about the reader is kept: not the address, not the user agent, no cookie.
 *
 * Refused: other methods (405), another origin (403), a bot's user agent (403, isbot), a body over
 * MAX_BODY_BYTES (413), another type (415), a malformed form or an unknown slug (400). Never a 5xx:
 * a fault while counting drops the beacon and still answers 204.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { isbot } from "isbot";
import { BEACON_PATH, MAX_BODY_BYTES, parseBeacon } from "../lib/audience/protocol.mjs";
import { backendName, flush, recordRead, recordVitals, topReads, vitalsSummary } from "../lib/audience/aggregate.mjs";
import { articleLookup } from "../lib/audience/lookup";
import { CACHE_POLICY } from "../lib/request/cache-policy.mjs";
import { secretsMatch } from "../lib/access/secrets";
import { beaconMetrics } from "../lib/observability/metrics.mjs";
import { BodyError, readBody } from "./bodies";

/** The newsroom's view of the aggregates (npm run audience:report): GET with the webhook's bearer token. */
export const REPORT_PATH = "/api/audience";

type Headers = (requestHeaders: IncomingHttpHeaders) => Record<string, string>;

const KNOWN_MS = 5 * 60_000;
const UNKNOWN_MS = 30_000;
const MAX_REMEMBERED = 20_000;
const MAX_LOOKUPS_IN_FLIGHT = 64;
const BODY_TIMEOUT_MS = 5000;
const TYPES = /^(?:application\/x-www-form-urlencoded|text\/plain)\s*(?:;|$)/i;
/** Refuses what is not UTF-8; one decoder serves every beacon (decode() without `stream` starts afresh each time). */
const UTF8 = new TextDecoder("utf-8", { fatal: true });

const at = (path: string) => (url: string | undefined) => url === path || (url?.startsWith(path) === true && url[path.length] === "?");
export const isBeaconRequest = at(BEACON_PATH);
export const isReportRequest = at(REPORT_PATH);

/** True when the request carries `Authorization: Bearer <REVALIDATE_SECRET>` (compared in constant time). */
export function authorised(headers: IncomingHttpHeaders, secret = process.env.REVALIDATE_SECRET): boolean {
  const match = /^Bearer (.+)$/.exec(String(headers.authorization ?? ""));
  return Boolean(secret && match && secretsMatch(match[1], secret));
}

/**
 * GET /api/audience — the last 24 hours as the newsroom sees them: p75 of each Core Web Vital per
 * page type (with the histogram's counts), and the site's most-read slugs with their reads. Needs the
 * webhook's token; off when REVALIDATE_SECRET is unset.
 */
export function createReportHandler({ headers = () => ({}) }: { headers?: Headers } = {}) {
  return async function report(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const send = (status: number, body: unknown) => {
      const text = `${JSON.stringify(body, null, 2)}\n`;
      res.writeHead(status, {
        ...headers(req.headers),
        "content-type": "application/json; charset=utf-8",
        "cache-control": CACHE_POLICY.noStore,
        "content-length": Buffer.byteLength(text),
        ...(status === 405 ? { allow: "GET" } : {}),
      });
      res.end(req.method === "HEAD" ? undefined : text);
    };
    try {
      if (req.method !== "GET" && req.method !== "HEAD") return send(405, { error: "Method not allowed; use GET." });
      if (!process.env.REVALIDATE_SECRET) return send(404, { error: "The report is off: REVALIDATE_SECRET is unset." });
      if (!authorised(req.headers)) return send(401, { error: "Unauthorized: send Authorization: Bearer <REVALIDATE_SECRET>." });
      // What this instance gathered in the last seconds counts too.
      await flush();
      const [vitals, top] = await Promise.all([vitalsSummary(), topReads("site", 20)]);
      if (vitals === null || top === null) return send(200, { backend: backendName(), available: false, error: "The aggregates cannot be read right now (Redis unavailable)." });
      const p75: Record<string, Record<string, { p75: number | null; count: number }>> = {};
      for (const [type, metrics] of Object.entries(vitals)) {
        p75[type] = {};
        for (const [metric, h] of Object.entries(metrics ?? {})) {
          if (h) p75[type][metric] = { p75: h.p75 === null ? null : metric === "CLS" ? Number(h.p75.toFixed(3)) : Math.round(h.p75), count: h.count };
        }
      }
      send(200, { backend: backendName(), available: true, window: "24h", p75, histograms: vitals, mostRead: top });
    } catch (error) {
      console.error("The audience report failed:", error instanceof Error ? error.message : error);
      send(503, { error: "The report is unavailable right now." });
    }
  };
}

/**
 * A bounded memo for a pure function of a string that the hot path asks again and again with the same
 * few values (the site's own Origin, the user agents of today's browsers). Strings longer than
 * `maxKey` are not remembered; when full, it starts again empty (no bookkeeping per hit).
 */
export function remembered<T>(compute: (key: string) => T, { size = 1000, maxKey = 512 } = {}): (key: string) => T {
  const memo = new Map<string, T>();
  return (key) => {
    let value = memo.get(key);
    if (value === undefined && !memo.has(key)) {
      value = compute(key);
      if (key.length <= maxKey) {
        if (memo.size >= size) memo.clear();
        memo.set(key, value);
      }
    }
    return value as T;
  };
}

/** The host an Origin names (WHATWG URL: lower-case, default port dropped), or null for no valid origin. */
const originHost = remembered((origin: string): string | null => {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
});

/** isbot's verdict on a user agent, remembered (its pattern is long; the same few browsers send most beacons). */
const isRobot = remembered((ua: string) => isbot(ua));

/** True when the request comes from a page of this site: its Origin names the host it was sent to. */
export function sameOrigin(headers: IncomingHttpHeaders): boolean {
  const fetchSite = headers["sec-fetch-site"];
  if (fetchSite !== undefined && fetchSite !== "same-origin") return false;
  const origin = headers.origin;
  const host = headers["x-forwarded-host"] ?? headers.host;
  if (!origin || !host || origin === "null") return false;
  const named = originHost(origin);
  return named !== null && named === String(host).split(",")[0].trim().toLowerCase();
}

export function createBeaconHandler({ headers = () => ({}), now = Date.now }: { headers?: Headers; now?: () => number } = {}) {
  const metrics = beaconMetrics();
  /** slug → what the content said about it lately: its section, or null for no visible article. */
  const known = new Map<string, { section: string | null; until: number }>();
  const inFlight = new Map<string, Promise<string | null | undefined>>();

  function remember(slug: string, section: string | null) {
    if (known.size >= MAX_REMEMBERED) known.delete(known.keys().next().value!);
    known.set(slug, { section, until: now() + (section ? KNOWN_MS : UNKNOWN_MS) });
  }

  /**
   * The section of a visible article from the content, null when there is none, undefined when it
   * cannot be told now (one lookup per slug at a time, at most MAX_LOOKUPS_IN_FLIGHT slugs).
   */
  function lookUp(slug: string): Promise<string | null | undefined> {
    const lookup = articleLookup();
    if (!lookup) return Promise.resolve(undefined);
    let pending = inFlight.get(slug);
    if (!pending) {
      if (inFlight.size >= MAX_LOOKUPS_IN_FLIGHT) return Promise.resolve(undefined);
      pending = Promise.resolve()
        .then(() => lookup(slug))
        .then((found) => {
          const section = found && typeof found.section === "string" ? found.section : null;
          remember(slug, section);
          return section;
        })
        .catch(() => undefined)
        .finally(() => inFlight.delete(slug));
      inFlight.set(slug, pending);
    }
    return pending;
  }

  function answer(req: IncomingMessage, res: ServerResponse, status: number, message?: string): void {
    if (res.headersSent) return;
    if (status >= 400) metrics.beacons.inc({ outcome: "refused" });
    const base: Record<string, string> = { ...headers(req.headers), "cache-control": CACHE_POLICY.noStore };
    if (status === 204) {
      delete base["content-type"];
      res.writeHead(204, base);
      res.end();
      return;
    }
    const body = `${message}\n`;
    res.writeHead(status, {
      ...base,
      "content-type": "text/plain; charset=utf-8",
      "content-length": Buffer.byteLength(body),
      ...(status === 405 ? { allow: "POST" } : {}),
      ...(status === 413 ? { connection: "close" } : {}),
    });
    res.end(body);
  }

  type Outcome = [number, string?];

  /**
   * Validates and counts one beacon. Synchronous when the answer is known at once (a vitals beacon, a
   * read of an article the content named lately): a promise only when the content must be asked —
   * every promise costs on the hot path (Next's AsyncLocalStorage tracks each one).
   */
  function count(text: string): Outcome | Promise<Outcome> {
    const beacon = parseBeacon(text);
    if (beacon.error !== undefined) return [400, `Bad beacon: ${beacon.error}.`];
    if (beacon.kind === "vitals") {
      metrics.beacons.inc({ outcome: "received" });
      recordVitals(beacon.pageType, beacon.values);
      for (const [metric, value] of Object.entries(beacon.values)) {
        if (metric === "CLS") metrics.shift.observe({ page_type: beacon.pageType }, value);
        else metrics.speed.observe({ page_type: beacon.pageType, metric }, value / 1000);
      }
      return [204];
    }
    const slug = beacon.slug;
    const hit = known.get(slug);
    if (hit && hit.until > now()) return countRead(slug, hit.section);
    return lookUp(slug).then((section) => countRead(slug, section));
  }

  function countRead(slug: string, section: string | null | undefined): Outcome {
    if (section === null) return [400, "Bad beacon: no article has that slug."];
    metrics.beacons.inc({ outcome: "received" });
    // undefined: the content cannot be asked right now (starting, overloaded) — this read is not counted.
    if (section !== undefined) recordRead(slug, section);
    else metrics.beacons.inc({ outcome: "dropped" });
    return [204];
  }

  const REFUSALS: Record<BodyError["status"], string> = { 400: "Bad request.", 408: "Request timeout.", 413: "Payload too large." };

  /** Answers one request to BEACON_PATH. Never throws, never a 5xx. */
  return function handle(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== "POST") return answer(req, res, 405, "Method not allowed: beacons are POSTed.");
    if (!sameOrigin(req.headers)) return answer(req, res, 403, "Forbidden: beacons come from this site's pages.");
    const ua = req.headers["user-agent"] ?? "";
    if (!ua || isRobot(ua)) return answer(req, res, 403, "Forbidden: robots are not counted.");
    if (!TYPES.test(String(req.headers["content-type"] ?? ""))) return answer(req, res, 415, "Unsupported media type: a beacon is a form.");
    readBody(req, { maxBytes: MAX_BODY_BYTES, timeoutMs: BODY_TIMEOUT_MS }).then(
      (body) => {
        // Global Privacy Control: the page sends nothing then; a client that sends anyway is not counted.
        if (req.headers["sec-gpc"] === "1") return answer(req, res, 204);
        let text: string;
        try {
          text = UTF8.decode(body);
        } catch {
          return answer(req, res, 400, "Bad beacon: the body is not UTF-8.");
        }
        let outcome: Outcome | Promise<Outcome>;
        try {
          outcome = count(text);
        } catch {
          // A fault while counting drops the beacon; the page's answer is still a 204.
          return answer(req, res, 204);
        }
        if (Array.isArray(outcome)) return answer(req, res, outcome[0], outcome[1]);
        outcome.then(
          ([status, message]) => answer(req, res, status, message),
          () => answer(req, res, 204),
        );
      },
      (error: unknown) => answer(req, res, error instanceof BodyError ? error.status : 400, error instanceof BodyError ? REFUSALS[error.status] : REFUSALS[400]),
    );
  };
}
