/**
 * Prometheus metrics, for TypeScript code (./metrics.mjs holds the process's one registry; this
 * file gives it types). Served only on the loopback listener METRICS_PORT (docs/decisions/0141).
 *
 *   import { outboxMetrics } from "@/lib/observability/metrics";
 *   const { sent, depth } = outboxMetrics();
 *   sent.inc();
 *   depth.set(await countPending());
 *
 * A new metric of an area belongs in a function of ./metrics.mjs beside the others (one place to
 * find every name); `counter()`, `gauge()` and `histogram()` return the existing metric when the
 * name is already registered, so calling them from several bundles is safe.
 */
export {
  registry,
  counter,
  gauge,
  histogram,
  secondsSince,
  metricsPort,
  LATENCY_BUCKETS,
  WORK_BUCKETS,
  httpMetrics,
  contentMetrics,
  publishMetrics,
  contentSyncMetrics,
  busMetrics,
  schedulerMetrics,
  edgeMetrics,
  redisMetrics,
  stripeMetrics,
  outboxMetrics,
  watchOutbox,
  beaconMetrics,
} from "./metrics.mjs";
