/**
 * /healthz and /readyz, answered by the production server before Next (docs/decisions/0142).
 *
 * - /healthz: the process serves (200 while it runs, draining included). For a supervisor's
 *   liveness check; it never touches the content source.
 * - /readyz: the instance should receive readers — it has started listening, its warm-up is done
 *   (warm-up.ts), it is not draining (SIGTERM), and every readiness check registered in
 *   lib/observability/health.mjs passes (lib/config/startup.ts: the content source answers, so the
 *   markdown index is open). 503 otherwise. The checks run at most once a second, in the
 *   background, however many probes ask (Varnish probes every instance from every edge machine):
 *   a probe gets the latest result at once.
 * Both are uncached (`no-store`), tiny, and say which check failed (names only, no error text).
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { runReadinessChecks } from "../lib/observability/health.mjs";
import { CACHE_POLICY } from "../lib/request/cache-policy.mjs";

export const HEALTH_PATHS: ReadonlySet<string> = new Set(["/healthz", "/readyz"]);
const CHECK_EVERY_MS = 1000;

type CheckResult = { ready: boolean; checks: Record<string, boolean> };

export interface HealthState {
  listening: boolean;
  warmedUp: boolean;
  draining: boolean;
  closing: boolean;
  lastCheck: CheckResult | null;
  checkedAt: number;
  pending: Promise<CheckResult> | null;
}

export function healthState(): HealthState {
  return { listening: false, warmedUp: false, draining: false, closing: false, lastCheck: null, checkedAt: 0, pending: null };
}

/**
 * The registered checks' latest result. A probe never waits for a run once there is a result: it gets
 * the last one and, when that is over a second old, starts the next in the background (a slow
 * content source under load must not make the probe itself time out). Only the first probe waits.
 */
async function checks(state: HealthState, now = Date.now()): Promise<CheckResult> {
  if (!state.pending && (!state.lastCheck || now - state.checkedAt >= CHECK_EVERY_MS)) {
    state.pending = runReadinessChecks().then((result) => {
      state.lastCheck = result;
      state.checkedAt = Date.now();
      state.pending = null;
      return result;
    });
  }
  return state.lastCheck ?? state.pending!;
}

/** Whether the instance is ready, and why not: `{ ready, checks }`. */
export async function readiness(state: HealthState): Promise<CheckResult> {
  const own = { listening: state.listening, "warmed-up": state.warmedUp, "not-draining": !state.draining };
  // While starting or draining, the answer is known without asking anyone.
  if (!state.listening || !state.warmedUp || state.draining) return { ready: false, checks: own };
  const result = await checks(state);
  return { ready: result.ready, checks: { ...own, ...result.checks } };
}

/** Answers a health request; returns false when the request is not one (the caller goes on). */
export function answerHealth(
  req: IncomingMessage,
  res: ServerResponse,
  state: HealthState,
  baseHeaders: Record<string, string> | ((requestHeaders: IncomingHttpHeaders) => Record<string, string>),
): boolean {
  const url = req.url ?? "";
  const q = url.indexOf("?");
  const path = q >= 0 ? url.slice(0, q) : url;
  if (!HEALTH_PATHS.has(path)) return false;
  const head = req.method === "HEAD";
  const base = typeof baseHeaders === "function" ? baseHeaders(req.headers) : baseHeaders;
  const reply = (status: number, body: unknown) => {
    const text = `${JSON.stringify(body)}\n`;
    res.writeHead(status, { ...base, "content-type": "application/json; charset=utf-8", "cache-control": CACHE_POLICY.noStore, "content-length": Buffer.byteLength(text) });
    res.end(head ? undefined : text);
  };
  if (req.method !== "GET" && !head) {
    res.writeHead(405, { ...base, allow: "GET, HEAD", "content-length": 0 });
    res.end();
    return true;
  }
  if (path === "/healthz") {
    reply(200, { status: state.draining ? "draining" : "ok" });
    return true;
  }
  readiness(state).then(
    ({ ready, checks: results }) => reply(ready ? 200 : 503, { status: ready ? "ready" : state.draining ? "draining" : "not ready", checks: results }),
    () => reply(503, { status: "not ready" }),
  );
  return true;
}
