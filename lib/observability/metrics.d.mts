// Types for ./metrics.mjs.
import type { Counter, CounterConfiguration, Gauge, GaugeConfiguration, Histogram, HistogramConfiguration, Registry } from "prom-client";

export declare const LATENCY_BUCKETS: number[];
export declare const WORK_BUCKETS: number[];
export declare function registry(): Registry;
export declare function counter<T extends string = string>(config: CounterConfiguration<T>): Counter<T>;
export declare function gauge<T extends string = string>(config: GaugeConfiguration<T>): Gauge<T>;
export declare function histogram<T extends string = string>(config: HistogramConfiguration<T>): Histogram<T>;
export declare function metricsPort(env?: Record<string, string | undefined>, publicPort?: number): number | null;
export declare function collectDefaultMetrics(): void;
export declare function exposition(): Promise<{ contentType: string; body: string }>;
export declare function secondsSince(startedAt: number, now?: number): number;
export declare function httpMetrics(): { requests: Counter<"kind" | "status" | "cache">; duration: Histogram<"kind" | "cache">; aborted: Counter<"kind">; nextCache: Counter<"outcome"> };
export declare function responseCacheMetrics(stats: () => { entries: number; bytes: number; maxBytes?: number; evictions?: number; purged?: number; notKept?: number } | undefined): void;
export declare function readinessMetrics(read: () => { ready: boolean; draining: boolean }): void;
export declare function contentMetrics(): { query: Histogram<"operation">; errors: Counter<"operation"> };
export declare function publishMetrics(): { phase: Histogram<"phase">; publishes: Counter<"outcome">; settling: Gauge<string>; notKept: Counter<string> };
export declare function contentSyncMetrics(): { syncs: Counter<"outcome">; behind: Gauge<string> };
export declare function busMetrics(): { messages: Counter<"direction">; lag: Histogram<string> };
export declare function schedulerMetrics(): { publications: Counter<"outcome"> };
export declare function edgeMetrics(): { purges: Counter<"outcome"> };
export declare function redisMetrics(): { failures: Counter<"what">; cache: Counter<"outcome"> };
export declare function stripeMetrics(): { events: Counter<"type" | "outcome">; rejected: Counter<"reason"> };
export declare function outboxMetrics(): { depth: Gauge<string>; oldest: Gauge<string>; sent: Counter<string>; failed: Counter<string>; bounced: Counter<string> };
export declare function watchOutbox(read: () => Promise<{ depth: number; oldestSeconds: number }>): void;
export declare const REAL_USER_BUCKETS: number[];
export declare const CLS_BUCKETS: number[];
export declare function beaconMetrics(): { beacons: Counter<"outcome">; speed: Histogram<"page_type" | "metric">; shift: Histogram<"page_type"> };
