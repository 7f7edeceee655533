/**
 * Readiness checks and shutdown hooks, for TypeScript code (./health.mjs holds the process's one
 * state; this file gives it types). docs/decisions/0142.
 *
 *   import { onShutdown, registerReadinessCheck } from "@/lib/observability/health";
 *   onShutdown("beacons", () => flushBeacons());                      // flushed on SIGTERM
 *   onShutdown("database", () => db.destroy(), { stage: "close" });   // closed after every flush
 */
export { onShutdown, registerReadinessCheck, runReadinessChecks, runShutdownHooks } from "./health.mjs";
