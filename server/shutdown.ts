/**
 * Graceful shutdown of the production server (docs/decisions/0142). On SIGTERM (a deploy, systemd's
 * stop, a supervisor's restart):
 *   1. readiness turns 503 (/readyz), so the edge's probes take this instance out of rotation, while
 *      it still answers everything it receives for SHUTDOWN_DELAY_MS (default 4 s: two failed probes
 *      of the shipped VCL, 1 s apart, and a margin);
 *   2. the listener stops accepting connections; every response from then on says `Connection: close`
 *      and idle keep-alive connections are closed, so no new request starts on this instance;
 *   3. requests in flight finish (up to SHUTDOWN_TIMEOUT_MS in all, default 15 s; past it the
 *      remaining connections are cut);
 *   4. the shutdown hooks run: what is buffered is flushed, then connections close (Redis last);
 *   5. the log is flushed and the process exits (0, or 1 when it had to cut requests or a hook failed).
 * SIGINT (Ctrl-C in a terminal) skips the delay. A second signal exits at once.
 */
import { runShutdownHooks } from "../lib/observability/health.mjs";
import type { Logger } from "../lib/observability/log.mjs";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A number of milliseconds from the environment, or the default when unset or invalid. */
export function envMs(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value !== "" && Number.isFinite(n) && n >= 0 ? n : fallback;
}

export interface ShutdownOptions {
  server: { close(callback: () => void): unknown; closeIdleConnections(): void; closeAllConnections(): void };
  health: { draining: boolean; closing?: boolean };
  log: Logger;
  delayMs?: number;
  timeoutMs?: number;
  flushLog?: () => void;
  exit?: (code: number) => void;
  closeMetrics?: () => unknown;
}

export function installGracefulShutdown({ server, health, log, delayMs = 4000, timeoutMs = 15_000, flushLog = () => {}, exit = (code) => process.exit(code), closeMetrics = () => {} }: ShutdownOptions) {
  let started = false;

  async function shutdown(signal: NodeJS.Signals): Promise<void> {
    if (started) {
      log.warn({ event: "shutdown.forced", signal }, `${signal} again: exiting now`);
      flushLog();
      exit(1);
      return;
    }
    started = true;
    const begun = Date.now();
    health.draining = true;
    const hardStop = setTimeout(() => {
      log.error({ event: "shutdown.timeout", timeoutMs }, `Shutdown did not finish within ${timeoutMs} ms: exiting`);
      flushLog();
      exit(1);
    }, timeoutMs + 5000);
    hardStop.unref();

    const delay = signal === "SIGINT" ? 0 : Math.min(delayMs, timeoutMs);
    log.info({ event: "shutdown.draining", signal, delayMs: delay }, `${signal}: draining (readiness 503), closing the listener in ${delay} ms`);
    if (delay) await sleep(delay);

    // Stop accepting; close connections as they become idle; cut what is left at the deadline.
    health.closing = true;
    const closed = new Promise<boolean>((resolve) => server.close(() => resolve(true)));
    closeMetrics();
    const deadline = begun + timeoutMs;
    const sweeper = setInterval(() => server.closeIdleConnections(), 100);
    server.closeIdleConnections();
    const finished = await Promise.race([closed, sleep(Math.max(0, deadline - Date.now())).then(() => false)]);
    clearInterval(sweeper);
    if (!finished) {
      log.warn({ event: "shutdown.cut" }, "Requests still running at the shutdown deadline: their connections are cut");
      server.closeAllConnections();
    }
    const failed = await runShutdownHooks({ timeoutMs: 5000, log });
    log.info({ event: "shutdown.done", ms: Date.now() - begun, clean: finished && failed.length === 0 }, `Stopped in ${Date.now() - begun} ms`);
    clearTimeout(hardStop);
    flushLog();
    exit(finished && failed.length === 0 ? 0 : 1);
  }

  for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => void shutdown(signal));
  return { shutdown };
}
