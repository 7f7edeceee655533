// Readiness and shutdown, shared by the production server and Next's bundles (one state per process
// on globalThis, as ./log.mjs). docs/decisions/0142.
//
// - A readiness check is a named async function that throws (or resolves false) when the instance
//   should not receive readers yet: lib/config/startup.ts registers "content" (the content source answers,
//   which for markdown means its index is open); the server itself adds "warm-up" and "draining".
// - A shutdown hook is an async function run once on SIGTERM, after the last request finished and
//   before the process exits: flush what is buffered (beacons, the outbox's claims), then close
//   connections (Redis last). Engineers of other areas register theirs with `onShutdown`.

import { processSingleton } from "../config/singleton.mjs";

function state() {
  return processSingleton("health", () => ({ checks: new Map(), hooks: [] }));
}

/**
 * Adds (or replaces) a readiness check. It should be cheap: /readyz runs it at most once a second
 * and gives it `timeoutMs` (default 2 s) before counting it as failed.
 * @param {string} name
 * @param {() => Promise<unknown> | unknown} check throws or returns false when not ready
 */
export function registerReadinessCheck(name, check, { timeoutMs = 2000 } = {}) {
  state().checks.set(name, { check, timeoutMs });
}

/** Runs every readiness check; resolves with `{ ready, checks: { name: true|false } }`, never rejects. */
export async function runReadinessChecks() {
  const results = {};
  await Promise.all(
    [...state().checks].map(async ([name, { check, timeoutMs }]) => {
      let timer;
      try {
        const outcome = await Promise.race([
          Promise.resolve().then(check),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error("timed out")), timeoutMs);
            timer.unref?.();
          }),
        ]);
        results[name] = outcome !== false;
      } catch {
        results[name] = false;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return { ready: Object.values(results).every(Boolean), checks: results };
}

/**
 * Registers work to do on shutdown. `stage: "flush"` (default) runs first — write out what is
 * buffered; `stage: "close"` runs after every flush — close connections (Redis, the database).
 * @param {string} name
 * @param {() => Promise<unknown> | unknown} hook
 * @param {{ stage?: "flush" | "close" }} [options]
 */
export function onShutdown(name, hook, { stage = "flush" } = {}) {
  const hooks = state().hooks;
  const existing = hooks.findIndex((h) => h.name === name);
  if (existing >= 0) hooks.splice(existing, 1);
  hooks.push({ name, hook, stage });
}

/**
 * Runs the shutdown hooks, flushes first then closes, each within `timeoutMs`; resolves with the
 * names of the hooks that failed or timed out, never rejects.
 */
export async function runShutdownHooks({ timeoutMs = 5000, log } = {}) {
  const failed = [];
  for (const stage of ["flush", "close"]) {
    const hooks = state().hooks.filter((h) => h.stage === stage);
    await Promise.all(
      hooks.map(async ({ name, hook }) => {
        let timer;
        try {
          await Promise.race([
            Promise.resolve().then(hook),
            new Promise((_, reject) => {
              timer = setTimeout(() => reject(new Error(`did not finish within ${timeoutMs} ms`)), timeoutMs);
              timer.unref?.();
            }),
          ]);
        } catch (error) {
          failed.push(name);
          log?.error({ event: "shutdown.hook-failed", hook: name, err: error }, `Shutdown step "${name}" failed`);
        } finally {
          clearTimeout(timer);
        }
      }),
    );
  }
  return failed;
}
